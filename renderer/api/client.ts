import type { StewardClient } from '../../shared/api-channels';
import { bridgeClient } from './bridge-client';
import { httpClient } from './http-client';

/** Electron's preload when there is one, else HTTP against the page's own origin. */
export const createClient = (): StewardClient =>
  window.steward === undefined ? httpClient() : bridgeClient(window.steward);

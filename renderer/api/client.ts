import type { StewardClient } from '../../shared/api-channels';
import { bridgeClient } from './bridge-client';
import type { Connection } from './connection';
import { browserDeps, httpClient } from './http-client';

/**
 * Electron's preload when there is one, else HTTP against the page's own origin, which reports
 * to `connection` whether the app answers.
 */
export const createClient = (connection?: Connection): StewardClient =>
  window.steward === undefined
    ? httpClient({ ...browserDeps(), ...(connection && { connection }) })
    : bridgeClient(window.steward);

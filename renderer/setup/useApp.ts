import { useStore } from 'zustand';
import { featureStore } from '../app/stores';
import { useClient } from '../app/useStores';
import { createAppStore, type AppState } from './app-store';

/** Reads the app's own store (this machine: identity, open group) through a selector. */
export const useApp = <T>(selector: (state: AppState) => T): T =>
  useStore(featureStore(useClient(), 'app', createAppStore), selector);

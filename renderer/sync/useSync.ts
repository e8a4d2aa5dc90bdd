import { useStore } from 'zustand';
import { featureStore } from '../app/stores';
import { useClient } from '../app/useStores';
import { createSyncStore, type SyncState } from './sync-store';

/** Reads the sync screen's store through a selector. */
export const useSync = <T>(selector: (state: SyncState) => T): T =>
  useStore(featureStore(useClient(), 'sync', createSyncStore), selector);

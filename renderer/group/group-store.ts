import { createStore } from 'zustand/vanilla';
import type { GroupSnapshot, StewardClient } from '../../shared/api-channels';
import { humanMessage } from '../api/errors';

export type GroupState = {
  snapshot?: GroupSnapshot;
  loading: boolean;
  error?: string;
  load: () => Promise<void>;
  /** Refetches whenever the repo's head moves; returns the unsubscribe. */
  follow: () => () => void;
};

export const createGroupStore = (client: StewardClient) =>
  createStore<GroupState>()((set, get) => ({
    loading: false,
    load: async () => {
      set({ loading: true });
      try {
        const snapshot = await client.invoke('group:get', {});
        set({ snapshot, loading: false, error: undefined });
      } catch (error) {
        set({ loading: false, error: humanMessage(error) });
      }
    },
    follow: () =>
      client.on('group:onDidChange', ({ head }) => {
        if (head !== get().snapshot?.head) void get().load();
      }),
  }));

export type GroupStore = ReturnType<typeof createGroupStore>;

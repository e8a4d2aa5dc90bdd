import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { ReviewView } from '../../shared/api-types';
import { humanMessage } from '../api/errors';

export type ReviewState = {
  /** How participants join (addresses, session code), whether the room is open, what is shown. */
  join?: ReviewView;
  error?: string;
  /** Opening or closing the room is under way. */
  busy: boolean;
  load: () => Promise<void>;
  /** The host opens the app to the room's network (after confirming), or closes it. */
  host: (open: boolean) => Promise<void>;
  /** The host puts a proposal on the wall, for participants' screens to follow. */
  present: (proposal: string) => Promise<void>;
};

export const createReviewStore = (client: StewardClient) =>
  createStore<ReviewState>()((set, get) => {
    // The room changed elsewhere (the host opened it, or moved to the next proposal).
    client.on('review:onDidChange', () => void get().load());
    return {
      busy: false,
      load: async () => {
        try {
          const join = await client.invoke('review:get', {});
          set({ join, error: undefined });
        } catch (error) {
          set({ error: humanMessage(error) });
        }
      },
      host: async (open) => {
        set({ busy: true, error: undefined });
        try {
          const join = await client.invoke('review:host', { open });
          set({ join, busy: false });
        } catch (error) {
          set({ busy: false, error: humanMessage(error) });
        }
      },
      present: async (proposal) => {
        try {
          const join = await client.invoke('review:present', { proposal });
          set({ join, error: undefined });
        } catch (error) {
          set({ error: humanMessage(error) });
        }
      },
    };
  });

export type ReviewStore = ReturnType<typeof createReviewStore>;

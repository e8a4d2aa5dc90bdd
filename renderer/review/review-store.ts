import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { ReviewView } from '../../shared/api-types';
import { humanMessage } from '../api/errors';

export type ReviewState = {
  /** How participants join: the addresses to open and the session code. */
  join?: ReviewView;
  error?: string;
  load: () => Promise<void>;
};

export const createReviewStore = (client: StewardClient) =>
  createStore<ReviewState>()((set) => ({
    load: async () => {
      try {
        const join = await client.invoke('review:get', {});
        set({ join, error: undefined });
      } catch (error) {
        set({ error: humanMessage(error) });
      }
    },
  }));

export type ReviewStore = ReturnType<typeof createReviewStore>;

import type { StewardClient } from '../../shared/api-channels';
import { humanMessage } from '../api/errors';

/**
 * The `stop` action of a store whose work runs under a `runId` (a run, an evaluation): asks the
 * app to cancel it while it is busy; a refusal is kept as the store's error.
 */
export const cancelRun =
  (
    client: StewardClient,
    get: () => { runId?: string; busy: boolean },
    set: (partial: { error: string }) => void,
  ) =>
  async (): Promise<void> => {
    const { runId, busy } = get();
    if (!busy || runId === undefined) return;
    try {
      await client.invoke('models:cancel', { runId });
    } catch (error) {
      set({ error: humanMessage(error) });
    }
  };

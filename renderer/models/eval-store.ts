import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { EvalArg, EvalView } from '../../shared/api-types';
import { humanMessage } from '../api/errors';
import { cancelRun } from './cancel-run';
import { toRequestError } from '../api/api-error';
import { newRunId, withoutCliHint } from './model-format';

export type EvalState = {
  busy: boolean;
  runId?: string;
  done: number;
  total: number;
  result?: EvalView;
  /** The user stopped it: not an error, and nothing was signed. */
  stopped: boolean;
  error?: string;
  evaluate: (arg: Omit<EvalArg, 'runId'>) => Promise<void>;
  stop: () => Promise<void>;
};

export const createEvalStore = (client: StewardClient) =>
  createStore<EvalState>()((set, get) => ({
    busy: false,
    done: 0,
    total: 0,
    stopped: false,
    evaluate: async (arg) => {
      const runId = newRunId();
      set({
        busy: true,
        runId,
        done: 0,
        total: 0,
        result: undefined,
        stopped: false,
        error: undefined,
      });
      const stop = client.on('models:onDidItem', (p) => {
        if (p.runId === runId) set({ done: p.done, total: p.total });
      });
      try {
        const result = await client.invoke('models:eval', { runId, ...arg });
        set({ busy: false, result, done: result.items.length, total: result.items.length });
      } catch (error) {
        if (toRequestError(error).code === 'cancelled') set({ busy: false, stopped: true });
        else set({ busy: false, error: withoutCliHint(humanMessage(error)) });
      } finally {
        stop();
      }
    },
    stop: cancelRun(client, get, set),
  }));

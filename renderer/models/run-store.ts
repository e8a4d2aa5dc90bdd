import { createStore } from 'zustand/vanilla';
import type { Requests, StewardClient } from '../../shared/api-channels';
import type { RunArg } from '../../shared/api-types';
import { humanMessage } from '../api/errors';
import { cancelRun } from './cancel-run';
import { newRunId, withoutCliHint } from './model-format';

export type RunResult = Requests['models:run']['result'];

const STREAM_FLUSH_MS = 50;

export type RunState = {
  busy: boolean;
  runId?: string;
  /** Generated text as it streams in, before the result settles it. */
  streamed: string;
  result?: RunResult;
  error?: string;
  run: (arg: Omit<RunArg, 'runId'>) => Promise<void>;
  /** Asks the host to stop the run under way; generation then ends with `stopped: cancelled`. */
  stop: () => Promise<void>;
};

export const createRunStore = (client: StewardClient) =>
  createStore<RunState>()((set, get) => ({
    busy: false,
    streamed: '',
    run: async (arg) => {
      const runId = newRunId();
      set({ busy: true, runId, streamed: '', result: undefined, error: undefined });
      // Tokens come one message each, thousands a second: the text shown grows at most every
      // 50 ms, so the page keeps up instead of rendering once per token.
      let pending = '';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = (): void => {
        timer = undefined;
        if (pending && get().runId === runId) set({ streamed: get().streamed + pending });
        pending = '';
      };
      const unsubscribe = client.on('models:onDidToken', (t) => {
        if (t.runId !== runId) return;
        pending += t.text;
        timer ??= setTimeout(flush, STREAM_FLUSH_MS);
      });
      const stop = (): void => {
        unsubscribe();
        clearTimeout(timer);
        flush();
      };
      try {
        const result = await client.invoke('models:run', { runId, ...arg });
        set({ busy: false, result });
      } catch (error) {
        set({ busy: false, error: withoutCliHint(humanMessage(error)) });
      } finally {
        stop();
      }
    },
    stop: cancelRun(client, get, set),
  }));

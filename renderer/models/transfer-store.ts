import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { FetchView, PushView } from '../../shared/api-types';
import { toRequestError } from '../api/api-error';
import { humanMessage } from '../api/errors';
import { newRunId, versionKey, withoutCliHint } from './model-format';

export type TransferProgress = {
  path: string;
  bytes: number;
  total: number;
  rate: number;
  source: string;
};

/** One fetch or push of one version: under way, done, stopped or failed. */
export type Transfer = {
  kind: 'fetch' | 'push';
  runId: string;
  busy: boolean;
  /** Where from or to, as the user chose it (none: the group's remotes). */
  where?: string;
  progress?: TransferProgress;
  fetched?: FetchView;
  pushed?: PushView;
  /** The user stopped it: not an error; what was verified is kept. */
  stopped: boolean;
  error?: string;
};

export type TransferState = {
  /** By versionKey: the last transfer of each version. */
  transfers: Record<string, Transfer>;
  /** Brings the version's missing files here; the result, or undefined when it failed or stopped. */
  fetch: (model: string, version: string, from?: string) => Promise<FetchView | undefined>;
  /** Uploads the version's files to a remote; true when it did. */
  push: (model: string, version: string, remote: string) => Promise<boolean>;
  /** Asks the host to stop the version's transfer under way. */
  stop: (model: string, version: string) => Promise<void>;
};

/** Fetches and pushes of model files, each followed through its progress events. */
export const createTransferStore = (client: StewardClient) =>
  createStore<TransferState>()((set, get) => {
    const put = (key: string, patch: Partial<Transfer>): void => {
      const now = get().transfers[key];
      if (!now) return;
      set({ transfers: { ...get().transfers, [key]: { ...now, ...patch } } });
    };
    /** Runs one transfer under a fresh id, following its progress until it ends. */
    const run = async <T>(
      key: string,
      kind: Transfer['kind'],
      where: string | undefined,
      call: (runId: string) => Promise<T>,
    ): Promise<T | undefined> => {
      if (get().transfers[key]?.busy) return undefined;
      const runId = newRunId();
      set({
        transfers: {
          ...get().transfers,
          [key]: { kind, runId, busy: true, stopped: false, ...(where && { where }) },
        },
      });
      const unsubscribe = client.on('models:onDidTransfer', (p) => {
        if (p.runId !== runId || get().transfers[key]?.runId !== runId) return;
        const { path, bytes, total, rate, source } = p;
        put(key, { progress: { path, bytes, total, rate, source } });
      });
      try {
        return await call(runId);
      } catch (error) {
        if (toRequestError(error).code === 'cancelled') put(key, { busy: false, stopped: true });
        else put(key, { busy: false, error: withoutCliHint(humanMessage(error)) });
        return undefined;
      } finally {
        unsubscribe();
      }
    };
    return {
      transfers: {},
      fetch: async (model, version, from) => {
        const key = versionKey(model, version);
        const result = await run(key, 'fetch', from, (runId) =>
          client.invoke('models:fetch', { runId, model, version, ...(from && { from }) }),
        );
        if (result) put(key, { busy: false, fetched: result });
        return result;
      },
      push: async (model, version, remote) => {
        const key = versionKey(model, version);
        const result = await run(key, 'push', remote, (runId) =>
          client.invoke('models:push', { runId, model, version, remote }),
        );
        if (result) put(key, { busy: false, pushed: result });
        return result !== undefined;
      },
      stop: async (model, version) => {
        const key = versionKey(model, version);
        const t = get().transfers[key];
        if (!t?.busy) return;
        try {
          await client.invoke('models:cancel', { runId: t.runId });
        } catch (error) {
          put(key, { error: humanMessage(error) });
        }
      },
    };
  });

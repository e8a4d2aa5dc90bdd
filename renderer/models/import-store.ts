import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { ImportedModel } from '../../shared/api-types';
import { humanMessage } from '../api/errors';
import { toRequestError } from '../api/api-error';
import { cancelRun } from './cancel-run';
import { newRunId, withoutCliHint } from './model-format';

/** Why an import failed, naming the folder when the folder was the trouble. */
const importError = (error: unknown, dir: string): string => {
  const e = toRequestError(error);
  if (e.code === 'not-found') return `There is no folder at ${dir}.`;
  return withoutCliHint(humanMessage(error));
};

export type ImportProgress = { file: string; bytes: number; total: number; ms: number };

export type ImportState = {
  busy: boolean;
  runId?: string;
  progress?: ImportProgress;
  result?: ImportedModel;
  /** The user stopped it: not an error, and nothing of it was kept. */
  stopped: boolean;
  error?: string;
  /** Copies and hashes a folder on the host's disk into the model store; true when it did. */
  importFolder: (arg: { dir: string; model: string; version: string }) => Promise<boolean>;
  /** Asks the host to stop the import under way. */
  stop: () => Promise<void>;
};

export const createImportStore = (client: StewardClient) =>
  createStore<ImportState>()((set, get) => ({
    busy: false,
    stopped: false,
    importFolder: async (arg) => {
      const runId = newRunId();
      const started = Date.now();
      set({
        busy: true,
        runId,
        progress: undefined,
        result: undefined,
        stopped: false,
        error: undefined,
      });
      const stop = client.on('models:onDidProgress', (p) => {
        if (p.runId !== runId) return;
        set({
          progress: { file: p.file, bytes: p.bytes, total: p.total, ms: Date.now() - started },
        });
      });
      try {
        const result = await client.invoke('models:import', { runId, ...arg });
        // The answer may overtake the last progress events: the import is whole, so say so.
        const total = result.files.reduce((n, f) => n + f.size, 0);
        const last = result.files.at(-1)?.path ?? '';
        set({
          busy: false,
          result,
          progress: { file: last, bytes: total, total, ms: Date.now() - started },
        });
        return true;
      } catch (error) {
        if (toRequestError(error).code === 'cancelled') set({ busy: false, stopped: true });
        else set({ busy: false, error: importError(error, arg.dir) });
        return false;
      } finally {
        stop();
      }
    },
    stop: cancelRun(client, get, set),
  }));

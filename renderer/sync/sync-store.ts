import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { RemoteView, SyncView } from '../../shared/api-types';
import { humanMessage } from '../api/errors';

export type SyncProgress = { phase: string; done: number; total: number };

export type SyncState = {
  remotes?: RemoteView[];
  /** A sync or bundle import under way, with its last progress event. */
  running?: { runId: string; target: string; progress?: SyncProgress };
  /** What the last sync brought in. */
  result?: SyncView;
  /** The last bundle exported: its file name and size, to confirm it on screen. */
  exported?: { name: string; bytes: number };
  /** What failed, named, and why. */
  error?: string;
  loadRemotes: () => Promise<void>;
  addRemote: (name: string, url: string) => Promise<boolean>;
  removeRemote: (name: string) => Promise<boolean>;
  run: (target: string) => Promise<void>;
  importBundle: (name: string, base64: string) => Promise<void>;
  /** The whole repo as a bundle; undefined when it failed (the error is kept). */
  exportBundle: () => Promise<{ name: string; base64: string } | undefined>;
};

const newRunId = (): string => crypto.randomUUID();

/** An error with what was being done: "Sync with origin failed: cannot reach …". */
const failed = (what: string, error: unknown): string => `${what} failed: ${humanMessage(error)}`;

/** The bytes a base64 text holds, without decoding it. */
const decodedSize = (base64: string): number =>
  Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

export const createSyncStore = (client: StewardClient) =>
  createStore<SyncState>()((set, get) => {
    const remotes = async (): Promise<RemoteView[]> =>
      (await client.invoke('sync:remotes', {})).remotes;
    /** Runs a sync under a fresh id, following its progress events until it ends. */
    const track = async (
      target: string,
      what: string,
      call: (runId: string) => Promise<SyncView>,
    ): Promise<void> => {
      const runId = newRunId();
      set({ running: { runId, target }, result: undefined, error: undefined });
      const stop = client.on('sync:onDidProgress', (p) => {
        const running = get().running;
        if (p.runId !== runId || running?.runId !== runId) return;
        set({
          running: { ...running, progress: { phase: p.phase, done: p.done, total: p.total } },
        });
      });
      try {
        const result = await call(runId);
        set({ running: undefined, result });
      } catch (error) {
        set({ running: undefined, error: failed(what, error) });
      } finally {
        stop();
      }
      // Where each remote stands moved with the sync, whether it finished or not.
      await get().loadRemotes();
    };
    return {
      loadRemotes: async () => {
        try {
          set({ remotes: await remotes() });
        } catch (error) {
          set({ error: failed('Loading the remotes', error) });
        }
      },
      addRemote: async (name, url) => {
        set({ error: undefined });
        try {
          const { remotes } = await client.invoke('sync:addRemote', { name, url });
          set({ remotes });
          return true;
        } catch (error) {
          set({ error: failed(`Adding the remote ${name}`, error) });
          return false;
        }
      },
      removeRemote: async (name) => {
        set({ error: undefined });
        try {
          const { remotes } = await client.invoke('sync:removeRemote', { name });
          set({ remotes });
          return true;
        } catch (error) {
          set({ error: failed(`Removing the remote ${name}`, error) });
          return false;
        }
      },
      run: (target) =>
        track(target, `Sync with ${target}`, (runId) =>
          client.invoke('sync:run', { runId, target }),
        ),
      importBundle: (name, base64) =>
        track(name, `Importing ${name}`, async (runId) => {
          const result = await client.invoke('sync:bundleImport', { runId, name, base64 });
          // The host read it from a temporary copy: the user knows it by the name they chose.
          return { ...result, target: name };
        }),
      exportBundle: async () => {
        set({ error: undefined, exported: undefined });
        try {
          const bundle = await client.invoke('sync:bundleExport', {});
          set({ exported: { name: bundle.name, bytes: decodedSize(bundle.base64) } });
          return bundle;
        } catch (error) {
          set({ error: failed('Exporting a bundle', error) });
          return undefined;
        }
      },
    };
  });

export type SyncStore = ReturnType<typeof createSyncStore>;

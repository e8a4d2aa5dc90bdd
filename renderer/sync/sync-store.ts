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
  error?: string;
  loadRemotes: () => Promise<void>;
  addRemote: (name: string, url: string) => Promise<boolean>;
  run: (target: string) => Promise<void>;
  importBundle: (name: string, base64: string) => Promise<void>;
  /** The whole repo as a bundle; undefined when it failed (the error is kept). */
  exportBundle: () => Promise<{ name: string; base64: string } | undefined>;
};

const newRunId = (): string => crypto.randomUUID();

export const createSyncStore = (client: StewardClient) =>
  createStore<SyncState>()((set, get) => {
    /** Runs a sync under a fresh id, following its progress events until it ends. */
    const track = async (
      target: string,
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
        set({ running: undefined, error: humanMessage(error) });
      } finally {
        stop();
      }
    };
    return {
      loadRemotes: async () => {
        try {
          const { remotes } = await client.invoke('sync:remotes', {});
          set({ remotes });
        } catch (error) {
          set({ error: humanMessage(error) });
        }
      },
      addRemote: async (name, url) => {
        set({ error: undefined });
        try {
          const { remotes } = await client.invoke('sync:addRemote', { name, url });
          set({ remotes });
          return true;
        } catch (error) {
          set({ error: humanMessage(error) });
          return false;
        }
      },
      run: (target) => track(target, (runId) => client.invoke('sync:run', { runId, target })),
      importBundle: (name, base64) =>
        track(name, async (runId) => {
          const result = await client.invoke('sync:bundleImport', { runId, name, base64 });
          // The host read it from a temporary copy: the user knows it by the name they chose.
          return { ...result, target: name };
        }),
      exportBundle: async () => {
        set({ error: undefined });
        try {
          return await client.invoke('sync:bundleExport', {});
        } catch (error) {
          set({ error: humanMessage(error) });
          return undefined;
        }
      },
    };
  });

export type SyncStore = ReturnType<typeof createSyncStore>;

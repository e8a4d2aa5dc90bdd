/**
 * One writer per oid in a model store. Two fetches of the same file at once (the app's sync offer
 * and a Fetch click, two versions sharing a file, the CLI and the app) would both write
 * `blobs/partial/<oid>` and one would land the other's half-written bytes. Inside this process a
 * second fetch of the oid waits for the first; across processes an exclusive lock file,
 * `partial/<oid>.lock` (created with `wx`, holding the owner's pid), says who writes it. A lock
 * file whose process is gone (a crash) is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ModelStore } from '../models/store';

export type OidLock = { release: () => Promise<void> };

/** This process's holders, by lock path: each waiter chains on the one before. */
const held = new Map<string, Promise<void>>();

export const lockPath = (store: ModelStore, oid: string): string =>
  resolve(`${store.partialPath(oid)}.lock`);

const alive = (pid: number): boolean => {
  if (pid === process.pid) return false; // this process's holders are in `held`, not on disk
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** True once the lock file is ours; false while a living process holds it. */
const takeFile = async (path: string): Promise<boolean> => {
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) continue; // released meanwhile
    const pid = Number(text);
    // An empty file is an owner between its `wx` and its write: alive.
    if (text === '' || !Number.isSafeInteger(pid) || alive(pid)) return false;
    await rm(path, { force: true });
  }
};

/**
 * Takes the oid's lock: waits for this process's other writer, then for another process's up to
 * `patience` ms (polling). Undefined when another process still holds it (or, with `wait: false`,
 * when anyone does): the file is being fetched elsewhere.
 */
export const lockOid = async (
  store: ModelStore,
  oid: string,
  options: { patience?: number; wait?: boolean; signal?: AbortSignal } = {},
): Promise<OidLock | undefined> => {
  const { patience = 10_000, wait = true } = options;
  const path = lockPath(store, oid);
  const before = held.get(path);
  if (before && !wait) return undefined;
  let free!: () => void;
  const mine = new Promise<void>((r) => (free = r));
  const chained = (before ?? Promise.resolve()).then(() => mine);
  held.set(path, chained);
  const leave = () => {
    if (held.get(path) === chained) held.delete(path);
    free();
  };
  try {
    await before;
    await mkdir(resolve(path, '..'), { recursive: true });
    for (let waited = 0; ; waited += 100) {
      if (await takeFile(path)) break;
      if (!wait || waited >= patience || options.signal?.aborted) {
        leave();
        return undefined;
      }
      await delay(100);
    }
  } catch (error) {
    leave();
    throw error;
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      try {
        await rm(path, { force: true });
      } finally {
        leave();
      }
    },
  };
};

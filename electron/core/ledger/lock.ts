/**
 * An exclusive lock file in the git dir, so two processes appending at once take turns. A lock
 * left by a dead process (killed mid-append) is detected by its pid and broken.
 */
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { StewardError } from '../../../shared/errors';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const breakIfStale = async (path: string): Promise<void> => {
  let owner: { pid?: number; host?: string };
  let inode: number;
  try {
    inode = (await stat(path)).ino;
    owner = JSON.parse(await readFile(path, 'utf8')) as { pid?: number; host?: string };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (!(error instanceof SyntaxError)) throw error;
    // Locks are created whole (see take), so an unreadable one was not written by us: break it
    // only once it is clearly abandoned.
    const age = Date.now() - (await stat(path)).mtimeMs;
    if (age < 10_000) return;
    inode = (await stat(path)).ino;
    owner = {};
  }
  if (owner.host !== undefined && owner.host !== hostname()) return;
  if (owner.pid !== undefined && alive(owner.pid)) return;
  // Move the lock aside rather than delete it by name: between reading it and now, another waiter
  // may have broken it and taken a fresh one, which must not be lost.
  const aside = `${path}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone broke it first
    throw error;
  }
  if ((await stat(aside)).ino !== inode) {
    // A live lock: put it back (link fails only if yet another lock exists, which then holds).
    try {
      await link(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  await unlink(aside);
};

/** Creates the lock with its content in one step: written aside, then hard-linked into place. */
const take = async (path: string): Promise<void> => {
  const aside = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(aside, JSON.stringify({ pid: process.pid, host: hostname() }));
  try {
    await link(aside, path);
  } finally {
    await unlink(aside);
  }
};

export const withLock = async <T>(
  path: string,
  work: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> => {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await take(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await breakIfStale(path);
      if (Date.now() - started > timeoutMs) {
        throw new StewardError('locked', `the repo is locked by another process (${path})`);
      }
      await sleep(Math.min(2 + attempt * 2, 50) * (0.5 + Math.random()));
    }
  }
  try {
    return await work();
  } finally {
    await unlink(path);
  }
};

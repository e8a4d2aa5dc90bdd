/**
 * An exclusive lock file in the git dir, so two processes appending at once take turns. A lock
 * left by a dead process (killed mid-append) is detected by its pid and broken.
 */
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
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
  try {
    owner = JSON.parse(await readFile(path, 'utf8')) as { pid?: number; host?: string };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (!(error instanceof SyntaxError)) throw error;
    // Locks are created whole (see take), so an unreadable one was not written by us: break it
    // only once it is clearly abandoned.
    const age = Date.now() - (await stat(path)).mtimeMs;
    if (age < 10_000) return;
    owner = {};
  }
  if (owner.host !== undefined && owner.host !== hostname()) return;
  if (owner.pid !== undefined && alive(owner.pid)) return;
  try {
    await unlink(path);
  } catch (error) {
    // Another waiter broke the same stale lock first.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
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

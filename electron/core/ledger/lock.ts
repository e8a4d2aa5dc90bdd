/**
 * An exclusive lock file in the git dir, so two processes appending at once take turns. A lock
 * left by a dead process (killed mid-append) is detected by its pid and broken.
 */
import { open, readFile, unlink } from 'node:fs/promises';
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
    // A lock file torn by a crash while it was being written: its owner cannot be running.
    if (error instanceof SyntaxError) owner = {};
    else throw error;
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

export const withLock = async <T>(
  path: string,
  work: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> => {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      await handle.close();
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

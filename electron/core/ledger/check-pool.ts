/**
 * Stage one of verification over many files, on worker threads: checking signatures is the
 * heavy part of loading a ledger, and it must not hold the main thread (in the app, the Electron
 * main process). Small batches stay in process, where starting a worker would cost more.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkFile, type CheckResult, type RepoFile } from '../../../shared/format/check';
import { nodeCrypto } from '../crypto';

const IN_PROCESS_BELOW = 2000;
const BATCH = 500;

/**
 * Starts a worker on check-worker next to this module: the built JavaScript, or, when this module
 * runs as TypeScript source (tests), the source through tsx.
 */
const startWorker = (): Worker => {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./check-worker.js', import.meta.url));
  const source = new URL('./check-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
    {
      eval: true,
    },
  );
};

export const checkFiles = async (
  files: RepoFile[],
  onChecked?: (done: number) => void,
): Promise<CheckResult[]> => {
  const threads = Math.min(availableParallelism(), 4);
  if (files.length < IN_PROCESS_BELOW || threads < 2) {
    return files.map((f, i) => {
      if (onChecked && i % 1000 === 0) onChecked(i);
      return checkFile(f, nodeCrypto);
    });
  }
  const results: CheckResult[] = new Array<CheckResult>(files.length);
  const workers = Array.from({ length: threads }, startWorker);
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let start = 0;
            const feed = (): void => {
              if (next >= files.length) return resolve();
              start = next;
              next = Math.min(next + BATCH, files.length);
              worker.postMessage(files.slice(start, next));
            };
            worker.on('message', (batch: CheckResult[]) => {
              for (const [i, r] of batch.entries()) results[start + i] = r;
              done += batch.length;
              onChecked?.(done);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a verification worker stopped with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
};

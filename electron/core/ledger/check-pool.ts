/**
 * Stage one of verification on worker threads: checking signatures is the heavy part of loading a
 * ledger, and it must not hold the main thread (in the app, the Electron main process). Batches
 * are submitted while the main thread is still reading files from git, so reading and checking
 * overlap. The first files are checked in process: for a small ledger, starting workers would
 * cost more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkFile, type CheckResult } from '../../../shared/format/check';
import { nodeCrypto } from '../crypto';
import { materialize, type FileEntry } from './read';
import type { Repo } from './repo';

const IN_PROCESS_FIRST = 2000;

/**
 * Starts a worker on check-worker next to this module: the built JavaScript, or, when this module
 * runs as TypeScript source (tests), the source through tsx.
 */
const startWorker = (gitdir: string): Worker => {
  const workerData = { gitdir };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./check-worker.js', import.meta.url), { workerData });
  const source = new URL('./check-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
    { eval: true, workerData },
  );
};

type Waiting = { resolve: (r: CheckResult[]) => void; reject: (e: Error) => void };

export class CheckPool {
  constructor(private readonly repo: Repo) {}

  private workers: Worker[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;
  private submitted = 0;
  private failure: Error | undefined;

  private spawn(): void {
    const threads = Math.min(availableParallelism(), 4);
    this.workers = Array.from({ length: threads }, () => {
      const worker = startWorker(this.repo.gitdir);
      worker.on('message', ({ seq, results }: { seq: number; results: CheckResult[] }) => {
        this.waiting.get(seq)?.resolve(results);
        this.waiting.delete(seq);
      });
      const fail = (error: unknown): void => {
        this.failure = error instanceof Error ? error : new Error(String(error));
        for (const w of this.waiting.values()) w.reject(this.failure);
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`a verification worker stopped with code ${code}`));
      });
      return worker;
    });
  }

  /** Reads and checks a batch of entries; results come back in the batch's order. */
  async check(entries: FileEntry[]): Promise<CheckResult[]> {
    this.submitted += entries.length;
    if (this.submitted <= IN_PROCESS_FIRST || availableParallelism() < 2) {
      const results: CheckResult[] = [];
      for (const e of entries)
        results.push(checkFile(await materialize(this.repo.objects, e), nodeCrypto));
      return results;
    }
    if (this.failure !== undefined) throw this.failure;
    if (this.workers.length === 0) this.spawn();
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.workers[seq % this.workers.length]!.postMessage({ seq, entries });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}

/** Reads and checks every entry, on worker threads when there are many; `onChecked` counts. */
export const checkEntries = async (
  repo: Repo,
  entries: FileEntry[],
  onChecked?: (done: number) => void,
): Promise<CheckResult[]> => {
  const pool = new CheckPool(repo);
  let done = 0;
  try {
    const batches = [];
    for (let i = 0; i < entries.length; i += 500) {
      batches.push(
        pool.check(entries.slice(i, i + 500)).then((r) => {
          done += r.length;
          onChecked?.(done);
          return r;
        }),
      );
    }
    return (await Promise.all(batches)).flat();
  } finally {
    await pool.close();
  }
};

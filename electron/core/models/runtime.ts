/**
 * Runs models on worker threads: one worker per loaded model version, loaded once and reused for
 * every request, requests to one model taken in turn. A run can be cancelled: generation stops
 * between two tokens and returns what it has; any other task, which cannot be interrupted inside
 * ONNX Runtime, is abandoned with its worker (the next request loads the model again).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { StewardError } from '../../../shared/errors';
import type {
  FromWorker,
  LoadProgress,
  RunRequest,
  RunResult,
  Task,
  ToWorker,
  VerifiedFile,
  WorkerInit,
} from './inference';

/** ORT threads per model: half the cores, 1 to 4, unless STEWARD_ORT_THREADS says otherwise. */
export const defaultThreads = (env: NodeJS.ProcessEnv = process.env): number => {
  const asked = Number(env.STEWARD_ORT_THREADS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
};

/**
 * Starts a worker on inference-worker next to this module: the built JavaScript, or, when this
 * module runs as TypeScript source (tests), the source through tsx.
 */
const startWorker = (workerData: WorkerInit): Worker => {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./inference-worker.js', import.meta.url), { workerData });
  const source = new URL('./inference-worker.ts', import.meta.url).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`,
    { eval: true, workerData },
  );
};

export type RunHandlers = {
  /** Generated text as it comes, piece by piece. */
  onToken?: (text: string) => void;
  /** Loading progress: bytes of each file read and checked. */
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
};

type Pending = {
  resolve: (result: RunResult) => void;
  reject: (error: Error) => void;
  handlers: RunHandlers;
};

/** Grace for a cancelled run that is not generation before its worker is stopped. */
const ABANDON_AFTER_MS = 1500;

/** One model version on its worker. */
class LoadedModel {
  private readonly worker: Worker;
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  private readonly runs = new Map<number, Pending>();
  private readonly loads = new Map<Task, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly ready = new Map<Task, Promise<void>>();
  private seq = 0;
  private progress: ((p: LoadProgress) => void) | undefined;
  dead: Error | undefined;

  constructor(files: VerifiedFile[], threads: number, onExit: () => void) {
    this.worker = startWorker({ files, threads, cancel: this.cancel.buffer });
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    const fail = (error: Error): void => {
      this.dead ??= error;
      for (const p of this.runs.values()) p.reject(error);
      for (const l of this.loads.values()) l.reject(error);
      this.runs.clear();
      this.loads.clear();
      onExit();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) =>
      fail(new StewardError('internal', `the model's worker stopped (exit code ${code})`)),
    );
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'progress':
        this.progress?.(message.progress);
        return;
      case 'loaded':
        this.loads.get(message.task)?.resolve();
        this.loads.delete(message.task);
        return;
      case 'token':
        this.runs.get(message.id)?.handlers.onToken?.(message.text);
        return;
      case 'result':
        this.runs.get(message.id)?.resolve(message.result);
        this.runs.delete(message.id);
        return;
      case 'error': {
        const error = StewardError.fromJSON(message.error);
        if (message.id !== undefined) {
          this.runs.get(message.id)?.reject(error);
          this.runs.delete(message.id);
        } else if (message.task) {
          this.loads.get(message.task)?.reject(error);
          this.loads.delete(message.task);
        }
      }
    }
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** Loads the model for a task (once); reports the bytes read and checked. */
  load(task: Task, onProgress?: (p: LoadProgress) => void): Promise<void> {
    if (this.dead) return Promise.reject(this.dead);
    let pending = this.ready.get(task);
    if (!pending) {
      this.progress = onProgress;
      pending = new Promise<void>((resolve, reject) => {
        this.loads.set(task, { resolve, reject });
        this.post({ type: 'load', task });
      });
      pending.catch(() => this.ready.delete(task));
      this.ready.set(task, pending);
    }
    return pending;
  }

  run(request: RunRequest, handlers: RunHandlers): Promise<RunResult> {
    if (this.dead) return Promise.reject(this.dead);
    const id = ++this.seq;
    const { signal } = handlers;
    return new Promise<RunResult>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        Atomics.store(this.cancel, 0, id);
        if (request.task === 'text-generation') return;
        timer = setTimeout(() => {
          this.runs.get(id)?.reject(cancelled());
          this.runs.delete(id);
          void this.stop();
        }, ABANDON_AFTER_MS);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => {
        signal?.removeEventListener('abort', onAbort);
        clearTimeout(timer);
      };
      this.runs.set(id, {
        resolve: (r) => {
          settle();
          resolve(r);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
        handlers,
      });
      this.post({ type: 'run', id, request });
    });
  }

  async stop(): Promise<void> {
    this.dead ??= new StewardError('cancelled', 'the model was unloaded');
    await this.worker.terminate();
  }
}

const cancelled = (): StewardError => new StewardError('cancelled', 'the run was cancelled');

export class ModelRuntime {
  private readonly models = new Map<string, LoadedModel>();

  constructor(private readonly threads = defaultThreads()) {}

  /** The model loaded under `key` (e.g. "slug@version"), started on first use. */
  private model(key: string, files: VerifiedFile[]): LoadedModel {
    let model = this.models.get(key);
    if (!model || model.dead) {
      const made = new LoadedModel(files, this.threads, () => {
        if (this.models.get(key) === made) this.models.delete(key);
      });
      model = made;
      this.models.set(key, model);
    }
    return model;
  }

  /**
   * Runs one request on the model `key`, whose files (already checked against the ledger's
   * record) are `files`. Loads the model first if needed; a load that fails stops its worker.
   */
  async run(
    key: string,
    files: VerifiedFile[],
    request: RunRequest,
    handlers: RunHandlers = {},
  ): Promise<RunResult> {
    const model = this.model(key, files);
    try {
      await model.load(request.task, handlers.onProgress);
    } catch (error) {
      await this.unload(key);
      throw error;
    }
    return model.run(request, handlers);
  }

  isLoaded(key: string): boolean {
    return this.models.has(key);
  }

  async unload(key: string): Promise<void> {
    const model = this.models.get(key);
    this.models.delete(key);
    await model?.stop();
  }

  async close(): Promise<void> {
    await Promise.all([...this.models.keys()].map((key) => this.unload(key)));
  }
}

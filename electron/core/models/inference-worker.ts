/**
 * One model's inference, on a worker thread: ONNX Runtime's `session.run` holds the thread for the
 * whole run, so it must never run on the main thread.
 *
 * transformers.js reads no file itself. Every file it asks for is served from a custom cache that
 * reads the store's blob, hashes those very bytes, and hands them over only if they match the hash
 * the group recorded: the bytes that run are the bytes that were checked. Files the model does not
 * ask for are hashed after loading, so a loaded model's every recorded file was found intact.
 * Nothing is ever fetched: remote models are off, and any file outside the record is "not found".
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import {
  env,
  LogLevel,
  pipeline,
  random,
  StoppingCriteria,
  TextStreamer,
} from '@huggingface/transformers';
import { messageOf, StewardError } from '../../../shared/errors';
import {
  dtypeOf,
  type FromWorker,
  type RunOptions,
  type RunRequest,
  type RunResult,
  type Task,
  type ToWorker,
  type VerifiedFile,
  type WorkerInit,
} from './inference';
import { hashFile } from './model-files';

const init = workerData as WorkerInit;
const port = parentPort!;
const send = (message: FromWorker): void => port.postMessage(message);
const cancelled = new Int32Array(init.cancel);

/** The name the model is loaded under: every file transformers.js asks for is below it. */
const MODEL_ID = 'steward-verified-model';
const files = new Map(init.files.map((f) => [f.path, f]));
const hashed = new Set<string>();
let failure: StewardError | undefined;

const CHUNK = 4 << 20;

/** Reads a blob whole, hashing as it goes; refuses bytes that differ from the record. */
const readVerified = async (file: VerifiedFile): Promise<Uint8Array> => {
  const handle = await open(file.blob, 'r');
  try {
    const { size } = await handle.stat();
    // Its own ArrayBuffer, handed to ONNX Runtime without a copy.
    const bytes = new Uint8Array(size);
    const hash = createHash('sha256');
    for (let at = 0; at < size;) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(CHUNK, size - at), at);
      if (bytesRead === 0) break;
      hash.update(bytes.subarray(at, at + bytesRead));
      at += bytesRead;
      send({ type: 'progress', progress: { file: file.path, bytes: at, total: size } });
    }
    const actual = hash.digest('hex');
    if (actual !== file.sha256) throw differs(file, actual);
    hashed.add(file.path);
    return bytes;
  } finally {
    await handle.close();
  }
};

const differs = (file: VerifiedFile, actual: string): StewardError =>
  new StewardError(
    'not-runnable',
    `${file.path} changed on disk since it was imported: its bytes hash to ${actual.slice(0, 12)}…, the group approved ${file.sha256.slice(0, 12)}…; nothing was loaded`,
    { reason: 'files-differ', path: file.path, expected: file.sha256, actual },
  );

/** A Response whose body transformers.js takes as it is (no copy of a model's gigabytes). */
const verifiedResponse = (bytes: Uint8Array): Response => {
  const response = new Response(null, {
    status: 200,
    headers: { 'content-length': String(bytes.byteLength) },
  });
  Object.defineProperty(response, 'arrayBuffer', {
    value: () => Promise.resolve(bytes.buffer),
  });
  return response;
};

env.allowRemoteModels = false;
env.useFS = false;
env.useFSCache = false;
env.useBrowserCache = false;
env.logLevel = LogLevel.ERROR;
// A file outside the record is absent; this is what transformers.js asks when a cache misses.
env.fetch = () => Promise.resolve(new Response(null, { status: 404 }));
env.useCustomCache = true;
/**
 * The recorded file a cache key names. transformers.js asks under two keys for one file: a local
 * path (`…/steward-verified-model/onnx/model.onnx`) and, for ONNX files in Node, a hub URL
 * (`…/steward-verified-model/resolve/main/onnx/model.onnx`).
 */
const fileOf = (key: string): VerifiedFile | undefined => {
  const at = key.lastIndexOf(`${MODEL_ID}/`);
  if (at < 0) return undefined;
  const path = key.slice(at + MODEL_ID.length + 1);
  return files.get(path) ?? files.get(path.replace(/^resolve\/[^/]+\//, ''));
};

/** Bytes checked during the load under way, so a file asked for twice is read and hashed once. */
const served = new Map<string, Promise<Uint8Array>>();

env.customCache = {
  // transformers.js swallows a throw from here as a miss, so a refusal is kept to rethrow.
  async match(key: string) {
    const file = fileOf(key);
    if (!file) return undefined;
    try {
      let bytes = served.get(file.path);
      if (!bytes) served.set(file.path, (bytes = readVerified(file)));
      return verifiedResponse(await bytes);
    } catch (error) {
      failure ??=
        error instanceof StewardError
          ? error
          : new StewardError('not-runnable', `cannot read ${file.path}: ${String(error)}`, {
              reason: 'not-imported',
              path: file.path,
            });
      throw failure;
    }
  },
  put: () => Promise.resolve(),
};

type Callable = (input: string, options?: Record<string, unknown>) => Promise<unknown>;
type Loaded = Callable & {
  tokenizer: ConstructorParameters<typeof TextStreamer>[0];
  dispose: () => Promise<void>;
};
const loaded = new Map<Task, Promise<Loaded>>();

const load = (task: Task): Promise<Loaded> => {
  let pending = loaded.get(task);
  if (!pending) {
    pending = (async () => {
      const made = await pipeline(task, MODEL_ID, {
        dtype: dtypeOf([...files.keys()]) as 'fp32',
        device: 'cpu',
        session_options: { intraOpNumThreads: init.threads, interOpNumThreads: 1 },
      })
        .catch((error: unknown) => {
          throw failure ?? notLoadable(error);
        })
        .finally(() => served.clear());
      if (failure) throw failure;
      // Files this task did not read are checked too: a loaded model is an intact model.
      for (const file of files.values()) {
        if (hashed.has(file.path)) continue;
        const actual = await hashFile(file.blob);
        if (actual !== file.sha256) throw differs(file, actual);
        hashed.add(file.path);
      }
      return made;
    })();
    // A failed load is not kept: the next request tries again (after, say, a fresh import).
    pending.catch(() => loaded.delete(task));
    loaded.set(task, pending);
  }
  return pending;
};

const notLoadable = (error: unknown): StewardError =>
  new StewardError(
    'invalid-argument',
    `the model cannot be loaded for this task: ${messageOf(error)}`,
  );

/** Stops generation between tokens once the main thread marks this run cancelled. */
class Cancel extends StoppingCriteria {
  constructor(private readonly id: number) {
    super();
  }
  override _call(inputIds: number[][]): boolean[] {
    return inputIds.map(() => Atomics.load(cancelled, 0) === this.id);
  }
}

const generate = async (
  model: Loaded,
  id: number,
  input: string,
  options: RunOptions,
): Promise<RunResult> => {
  const started = performance.now();
  const maxNewTokens = options.maxNewTokens ?? 64;
  let tokens = 0;
  let text = '';
  const streamer = new TextStreamer(model.tokenizer, {
    skip_prompt: true,
    skip_special_tokens: true,
    callback_function: (piece: string) => {
      text += piece;
      send({ type: 'token', id, text: piece });
    },
    token_callback_function: () => {
      tokens++;
    },
  });
  await model(input, {
    max_new_tokens: maxNewTokens,
    do_sample: options.doSample ?? false,
    ...(options.temperature !== undefined && { temperature: options.temperature }),
    ...(options.topK !== undefined && { top_k: options.topK }),
    streamer,
    stopping_criteria: [new Cancel(id)],
    return_full_text: false,
  });
  const stopped =
    Atomics.load(cancelled, 0) === id ? 'cancelled' : tokens >= maxNewTokens ? 'length' : 'eos';
  return {
    task: 'text-generation',
    text,
    tokens,
    stopped,
    ms: performance.now() - started,
  };
};

type Tensor = { data: Float32Array; dims: number[]; tolist: () => unknown };

const run = async (id: number, request: RunRequest): Promise<RunResult> => {
  const model = await load(request.task);
  const options = request.options ?? {};
  if (options.seed !== undefined) (random as { seed: (n: number) => void }).seed(options.seed);
  const started = performance.now();
  switch (request.task) {
    case 'text-generation':
      return generate(model, id, request.input, options);
    case 'text-classification': {
      const labels = (await model(request.input, { top_k: null })) as {
        label: string;
        score: number;
      }[];
      return { task: request.task, labels, ms: performance.now() - started };
    }
    case 'feature-extraction': {
      const pooling = options.pooling ?? 'mean';
      const output = (await model(request.input, {
        pooling,
        normalize: options.normalize ?? true,
      })) as Tensor;
      const rows = output.tolist() as number[][] | number[][][];
      return {
        task: request.task,
        embedding: pooling === 'none' ? (rows[0] as number[][]) : (rows[0] as number[]),
        dims: output.dims.slice(1),
        ms: performance.now() - started,
      };
    }
  }
};

const asJSON = (error: unknown) =>
  (error instanceof StewardError ? error : new StewardError('internal', messageOf(error))).toJSON();

// Messages are handled one at a time: a model runs one request after another.
let queue = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(async () => {
    if (message.type === 'load') {
      const started = performance.now();
      try {
        await load(message.task);
        send({ type: 'loaded', task: message.task, ms: performance.now() - started });
      } catch (error) {
        send({ type: 'error', task: message.task, error: asJSON(error) });
      }
      return;
    }
    try {
      send({ type: 'result', id: message.id, result: await run(message.id, message.request) });
    } catch (error) {
      send({ type: 'error', id: message.id, error: asJSON(error) });
    }
  });
});

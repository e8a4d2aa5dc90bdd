/**
 * Evaluating a model version over a JSONL dataset (`{"input", "expected"}` per line): every item
 * run in order on the model's worker, metrics computed, and the outputs reduced to one hash that
 * any peer can recompute by running the same version on the same data with the same settings.
 *
 * The outputs hash is the SHA-256 of the canonical JSON (RFC 8785) of the per-item outputs in
 * dataset order: generated text as it is; classification as every label with its score; an
 * embedding as its vector. Scores and vectors are rounded to 6 decimal places first, so the last
 * bits a different CPU's floating point gives do not count as a different result.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../../../shared/canonical';
import { messageOf, StewardError } from '../../../shared/errors';
import type { DerivedState } from '../../../shared/derive/state';
import type { Identity } from '../identity/keystore';
import type { Dataset } from './dataset';
import type { LoadProgress, RunOptions, RunResult, Task, VerifiedFile } from './inference';
import type { ModelRunner } from './runner';

export type ItemResult = {
  input: string;
  expected?: unknown;
  output: unknown;
  /** Whether the output is what was expected, where the item says what it expects. */
  correct?: boolean;
  ms: number;
};

export type Evaluation = {
  model: string;
  version: string;
  files: { path: string; sha256: string }[];
  task: Task;
  dataset: { name: string; sha256: string; items: number };
  settings: Record<string, string | number | boolean>;
  seed: number;
  metrics: Record<string, number>;
  outputs: string;
  runtime: { library: string; onnxruntime: string };
  items: ItemResult[];
};

const round = (x: number): number => Number(x.toFixed(6)) || 0;

/** What an item's output contributes to the outputs hash. */
const outputOf = (result: RunResult): unknown => {
  switch (result.task) {
    case 'text-generation':
      return result.text;
    case 'text-classification':
      return result.labels.map((l) => ({ label: l.label, score: round(l.score) }));
    case 'feature-extraction':
      return (result.embedding as (number | number[])[]).map((v) =>
        Array.isArray(v) ? v.map(round) : round(v),
      );
  }
};

export const outputsHash = (outputs: unknown[]): string =>
  createHash('sha256').update(canonicalJson(outputs)).digest('hex');

const cosine = (a: number[], b: number[]): number => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
};

/** Whether an output matches what the item expected, and a similarity where that is the metric. */
const judge = (
  result: RunResult,
  expected: unknown,
): { correct?: boolean; similarity?: number } => {
  if (expected === undefined) return {};
  switch (result.task) {
    case 'text-generation':
      return { correct: typeof expected === 'string' && result.text.trim() === expected.trim() };
    case 'text-classification':
      return { correct: result.labels[0]?.label === expected };
    case 'feature-extraction': {
      const vector = result.embedding as number[];
      if (!Array.isArray(expected) || !expected.every((x) => typeof x === 'number')) return {};
      return { similarity: cosine(vector, expected) };
    }
  }
};

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The versions that did the computing, recorded with the evidence. */
export const runtimeVersions = async (): Promise<{ library: string; onnxruntime: string }> => {
  const require = createRequire(import.meta.url);
  const entry = fileURLToPath(import.meta.resolve('@huggingface/transformers'));
  const pkg = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const ort = require('onnxruntime-node/package.json') as { version: string };
  return {
    library: `@huggingface/transformers@${pkg.version}`,
    onnxruntime: `onnxruntime-node@${ort.version}`,
  };
};

/** The settings a task runs with, as recorded in evidence and given back to reproduce it. */
export const settingsFor = (
  task: Task,
  options: RunOptions,
): Record<string, string | number | boolean> => {
  switch (task) {
    case 'text-generation':
      return {
        maxNewTokens: options.maxNewTokens ?? 64,
        doSample: options.doSample ?? false,
        ...(options.temperature !== undefined && { temperature: options.temperature }),
        ...(options.topK !== undefined && { topK: options.topK }),
      };
    case 'text-classification':
      return {};
    case 'feature-extraction':
      return { pooling: options.pooling ?? 'mean', normalize: options.normalize ?? true };
  }
};

/** The run options recorded settings stand for. */
export const optionsOf = (
  settings: Record<string, string | number | boolean>,
  seed: number,
): RunOptions => {
  const options: RunOptions = { seed };
  if (typeof settings.maxNewTokens === 'number') options.maxNewTokens = settings.maxNewTokens;
  if (typeof settings.doSample === 'boolean') options.doSample = settings.doSample;
  if (typeof settings.temperature === 'number') options.temperature = settings.temperature;
  if (typeof settings.topK === 'number') options.topK = settings.topK;
  if (settings.pooling === 'mean' || settings.pooling === 'cls' || settings.pooling === 'none')
    options.pooling = settings.pooling;
  if (typeof settings.normalize === 'boolean') options.normalize = settings.normalize;
  return options;
};

export type EvalProgress = { done: number; total: number; item: ItemResult };

export type EvalHandlers = {
  /** After each item, in order. */
  onItem?: (p: EvalProgress) => void;
  /** While the model loads: bytes of each file read and checked. */
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
};

/**
 * Runs every item of the dataset, in order, on one loaded model, and logs the evaluation as one
 * run. Cancelling stops after the item in progress and throws `cancelled`.
 */
export const evaluate = async (
  runner: ModelRunner,
  state: DerivedState,
  who: Identity | undefined,
  request: {
    model: string;
    version?: string;
    task: Task;
    dataset: Dataset;
    options?: RunOptions;
    seed?: number;
    via?: 'eval' | 'reproduce' | 'app';
  },
  handlers: EvalHandlers = {},
): Promise<Evaluation> => {
  const { task, dataset } = request;
  const version = await runner.resolveVersion(state, request.model, request.version);
  const files: VerifiedFile[] = await runner.files(state, request.model, version);
  const seed = request.seed ?? 0;
  const settings = settingsFor(task, request.options ?? {});
  const options = optionsOf(settings, seed);
  const key = `${request.model}@${version}`;
  const started = performance.now();
  const items: ItemResult[] = [];
  const outputs: unknown[] = [];
  const similarities: number[] = [];
  const log = async (outcome: 'ok' | 'cancelled' | 'failed', error?: unknown) =>
    runner.log.append({
      at: new Date().toISOString(),
      ...(who ? { member: { id: who.id, name: who.name } } : {}),
      model: request.model,
      version,
      files: files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      task,
      via: request.via ?? 'eval',
      outcome,
      ms: Math.round(performance.now() - started),
      inputChars: dataset.items.reduce((n, item) => n + item.input.length, 0),
      items: items.length,
      ...(error ? { error: messageOf(error) } : {}),
    });
  try {
    for (const item of dataset.items) {
      if (handlers.signal?.aborted)
        throw new StewardError('cancelled', 'the evaluation was cancelled');
      const result = await runner.runtime.run(
        key,
        files,
        { task, input: item.input, options },
        {
          ...(handlers.onProgress && { onProgress: handlers.onProgress }),
          ...(handlers.signal && { signal: handlers.signal }),
        },
      );
      const verdict = judge(result, item.expected);
      if (verdict.similarity !== undefined) similarities.push(verdict.similarity);
      const output = outputOf(result);
      outputs.push(output);
      const done: ItemResult = {
        input: item.input,
        ...(item.expected !== undefined && { expected: item.expected }),
        output,
        ...(verdict.correct !== undefined && { correct: verdict.correct }),
        ms: result.ms,
      };
      items.push(done);
      handlers.onItem?.({ done: items.length, total: dataset.items.length, item: done });
    }
  } catch (error) {
    const stopped = error instanceof StewardError && error.code === 'cancelled';
    await log(stopped ? 'cancelled' : 'failed', error);
    throw error;
  }
  await log('ok');
  const judged = items.filter((i) => i.correct !== undefined);
  const share = judged.length ? judged.filter((i) => i.correct).length / judged.length : undefined;
  const metrics: Record<string, number> = {
    items: items.length,
    meanLatencyMs: round(mean(items.map((i) => i.ms))),
  };
  if (share !== undefined)
    metrics[task === 'text-generation' ? 'exactMatch' : 'accuracy'] = round(share);
  if (similarities.length) metrics.meanCosine = round(mean(similarities));
  return {
    model: request.model,
    version,
    files: files.map((f) => ({ path: f.path, sha256: f.sha256 })),
    task,
    dataset: { name: dataset.name, sha256: dataset.sha256, items: dataset.items.length },
    settings,
    seed,
    metrics,
    outputs: outputsHash(outputs),
    runtime: await runtimeVersions(),
    items,
  };
};

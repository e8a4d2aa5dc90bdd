/**
 * What the main thread and an inference worker say to each other, and what a run returns. The
 * worker (inference-worker.ts) holds one model; the runtime (runtime.ts) owns the workers.
 */
import type { ErrorJSON } from '../../../shared/errors';
import { evidenceTasks, type EvidenceTask } from '../../../shared/format/kinds';

/** The tasks a model runs: the ones evidence can record. */
export const tasks = evidenceTasks;
export type Task = EvidenceTask;

/** A file the worker may serve to the model: its path in the model folder, hash and blob. */
export type VerifiedFile = { path: string; sha256: string; blob: string };

export type RunOptions = {
  /** Text generation: tokens to add at most (default 64). */
  maxNewTokens?: number;
  /** Text generation: sample instead of taking the likeliest token (default false). */
  doSample?: boolean;
  temperature?: number;
  topK?: number;
  /** Seeds transformers.js's random numbers before the run: sampling then repeats exactly. */
  seed?: number;
  /** Feature extraction: how token vectors become one (default mean) and whether unit length. */
  pooling?: 'mean' | 'cls' | 'none';
  normalize?: boolean;
};

export type RunRequest = { task: Task; input: string; options?: RunOptions };

export type GenerationResult = {
  task: 'text-generation';
  /** The text generated after the prompt. */
  text: string;
  tokens: number;
  stopped: 'eos' | 'length' | 'cancelled';
  ms: number;
};
export type ClassificationResult = {
  task: 'text-classification';
  /** Every label, likeliest first. */
  labels: { label: string; score: number }[];
  ms: number;
};
export type EmbeddingResult = {
  task: 'feature-extraction';
  /** Pooled: [dims]. With pooling "none", one vector per token. */
  embedding: number[] | number[][];
  dims: number[];
  ms: number;
};
export type RunResult = GenerationResult | ClassificationResult | EmbeddingResult;

export type LoadProgress = { file: string; bytes: number; total: number };

export type WorkerInit = {
  files: VerifiedFile[];
  /** ORT threads for this model's sessions. */
  threads: number;
  /** Int32 [cancelled run id]: written by the main thread, read between generated tokens. */
  cancel: SharedArrayBuffer;
};

export type ToWorker =
  { type: 'load'; task: Task } | { type: 'run'; id: number; request: RunRequest };

export type FromWorker =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'loaded'; task: Task; ms: number }
  | { type: 'token'; id: number; text: string }
  | { type: 'result'; id: number; result: RunResult }
  | { type: 'error'; id?: number; task?: Task; error: ErrorJSON };

/** fp32 where the folder has it (transformers.js's default in Node), else the variant it has. */
export const dtypeOf = (paths: string[]): string => {
  const suffixes: [string, string][] = [
    ['', 'fp32'],
    ['_quantized', 'q8'],
    ['_fp16', 'fp16'],
    ['_int8', 'int8'],
    ['_uint8', 'uint8'],
    ['_q4', 'q4'],
    ['_q4f16', 'q4f16'],
    ['_bnb4', 'bnb4'],
  ];
  const onnx = paths.filter((p) => p.startsWith('onnx/') && p.endsWith('.onnx'));
  for (const [suffix, dtype] of suffixes)
    if (onnx.some((p) => p.endsWith(`model${suffix}.onnx`))) return dtype;
  return 'fp32';
};

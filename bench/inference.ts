/**
 * Inference through Steward's worker against a bare `onnxruntime-node` session on the same model,
 * the same tokenized inputs and the same number of ORT threads, measured in the same run (goal:
 * Steward ≤ 1.1× the bare session's time).
 *
 * The model is a generated 12-layer, 384-wide BERT-style classifier (scripts/tiny-models.ts), the
 * shape of a small sentence encoder. Steward's figure is `ModelRuntime.run` for text
 * classification: tokenizing, the hop to the worker and back, the session run, the softmax. The
 * baseline is `session.run` alone on input ids tokenized beforehand by the same tokenizer.
 *
 * A second baseline tokenizes each text with the same tokenizer before `session.run`, since
 * Steward must: the ratio against it is the cost of the worker hop and transformers.js's pipeline.
 * Both are measured at two input lengths, as the hop's cost is fixed per call.
 *
 *   npx tsx bench/inference.ts OUT.json     STEWARD_BENCH_INFER_SAMPLES=7 (batches per side),
 *                                           STEWARD_BENCH_INFER_TEXTS=16,
 *                                           STEWARD_BENCH_INFER_WORDS=120,480 (words per text)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import type { VerifiedFile } from '../electron/core/models/inference';
import { defaultThreads, ModelRuntime } from '../electron/core/models/runtime';
import { ModelStore } from '../electron/core/models/store';
import { writeTinyEncoder } from '../scripts/tiny-models';
import { loadAverage, machine, progress, ratio, summarize } from './lib';

const SAMPLES = Number(process.env.STEWARD_BENCH_INFER_SAMPLES ?? 7);
const TEXTS = Number(process.env.STEWARD_BENCH_INFER_TEXTS ?? 16);
const WORDS = (process.env.STEWARD_BENCH_INFER_WORDS ?? '120,480').split(',').map(Number);
const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx bench/inference.ts OUT.json');

const work = mkdtempSync(join(tmpdir(), 'steward-bench-infer-'));
const threads = defaultThreads();
const timed = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
};

try {
  progress('inference: writing a 12-layer, 384-wide encoder');
  const dir = join(work, 'encoder');
  const facts = await writeTinyEncoder(dir, { layers: 12, hidden: 384 });
  const words = Object.keys(facts.vocab).filter((w) => !w.startsWith('['));
  env.allowRemoteModels = false;
  env.localModelPath = work;
  const tokenizer = await AutoTokenizer.from_pretrained('encoder');
  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  });
  const store = new ModelStore(join(work, 'store'));
  const manifest = await store.import(dir, { model: 'encoder', version: '1', now: new Date() });
  const files: VerifiedFile[] = manifest.files.map((f) => ({
    ...f,
    blob: store.blobPath(f.sha256),
  }));
  const runtime = new ModelRuntime(threads);
  const before = loadAverage();
  const [loadMs] = await timed(() =>
    runtime.run('encoder', files, { task: 'text-classification', input: 'warm up' }),
  );

  const feedOf = (text: string) => {
    const encoded = tokenizer(text) as Record<string, { data: BigInt64Array; dims: number[] }>;
    return Object.fromEntries(
      ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => [
        name,
        new ort.Tensor('int64', encoded[name]!.data, encoded[name]!.dims),
      ]),
    );
  };
  const labelOf = (logits: ort.Tensor): string => {
    const [a, b] = logits.data as Float32Array;
    return facts.labels[b! > a! ? 1 : 0]!;
  };

  const sizes = [];
  for (const length of WORDS) {
    // Deterministic texts of `length` words each, drawn from the vocabulary.
    const texts = Array.from({ length: TEXTS }, (_, t) =>
      Array.from({ length }, (_, i) => words[(t * 7 + i * 13) % words.length]).join(' '),
    );
    const feeds = texts.map(feedOf);
    const tokens = feeds[0]!.input_ids!.dims[1]!;
    const sides = {
      onnxruntime: async () => {
        const labels: string[] = [];
        for (const feed of feeds) labels.push(labelOf((await session.run(feed)).logits!));
        return labels;
      },
      tokenizeAndOnnxruntime: async () => {
        const labels: string[] = [];
        for (const text of texts) labels.push(labelOf((await session.run(feedOf(text))).logits!));
        return labels;
      },
      steward: async () => {
        const labels: string[] = [];
        for (const input of texts) {
          const r = await runtime.run('encoder', files, { task: 'text-classification', input });
          if (r.task !== 'text-classification') throw new Error(r.task);
          labels.push(r.labels[0]!.label);
        }
        return labels;
      },
    };
    const samples: Record<keyof typeof sides, number[]> = {
      onnxruntime: [],
      tokenizeAndOnnxruntime: [],
      steward: [],
    };
    // One warm-up batch of each, then alternating batches.
    for (let i = -1; i < SAMPLES; i++) {
      progress(`inference: ${tokens} tokens, batch ${i + 2}/${SAMPLES + 1}`);
      let expected: string | undefined;
      for (const [name, side] of Object.entries(sides)) {
        const [ms, labels] = await timed(side);
        expected ??= labels.join();
        if (labels.join() !== expected) throw new Error(`${name} disagrees on the labels`);
        if (i >= 0) samples[name as keyof typeof sides].push(ms);
      }
    }
    const median = (name: keyof typeof sides) => summarize(samples[name]).median;
    const perText = (name: keyof typeof sides) => ({
      ...summarize(samples[name]),
      msPerText: Math.round((median(name) / TEXTS) * 100) / 100,
    });
    sizes.push({
      tokensPerText: tokens,
      texts: TEXTS,
      onnxruntime: perText('onnxruntime'),
      tokenizeAndOnnxruntime: perText('tokenizeAndOnnxruntime'),
      steward: perText('steward'),
      /** Steward's time as a multiple of session.run alone: 1 is as fast. */
      timeRatio: ratio(median('steward'), median('onnxruntime')),
      /** ... and of the tokenizer plus session.run. */
      timeRatioWithTokenizer: ratio(median('steward'), median('tokenizeAndOnnxruntime')),
      overheadMsPerText:
        Math.round(((median('steward') - median('onnxruntime')) / TEXTS) * 100) / 100,
    });
  }
  await runtime.close();
  const result = {
    name: 'inference',
    timestamp: new Date().toISOString(),
    machine: machine(),
    loadAverage: { before, after: loadAverage() },
    goal: "Steward's worker <= 1.1 x a bare onnxruntime-node session, same model, inputs and threads",
    model: { layers: 12, hidden: 384 },
    threads,
    stewardFirstLoadMs: Math.round(loadMs),
    sizes,
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  for (const size of sizes) {
    console.log(
      `inference (${size.tokensPerText} tokens, ${threads} threads): bare onnxruntime ${size.onnxruntime.msPerText} ms/text, with tokenizer ${size.tokenizeAndOnnxruntime.msPerText}, Steward ${size.steward.msPerText}; ratio ${size.timeRatio} (goal <= 1.1), ${size.timeRatioWithTokenizer} against tokenizer + session`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

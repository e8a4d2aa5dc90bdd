/**
 * The model runtime itself: one worker per model, loaded once and reused, streaming tokens in
 * order, cancellable mid-run, and never holding the main thread while a model runs.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadProgress, RunResult, VerifiedFile } from '../../electron/core/models/inference';
import { ModelRuntime } from '../../electron/core/models/runtime';
import { ModelStore } from '../../electron/core/models/store';
import { writeTinyDecoder, writeTinyEncoder } from '../../scripts/tiny-models';
import { tempDir } from '../helpers/cli';
import { expectedClass } from '../helpers/tiny-expect';
import type { TinyEncoderFacts } from '../../scripts/tiny-models';

const root = tempDir('steward-runtime-');
const store = new ModelStore(join(root, 'store'));
const runtime = new ModelRuntime(1);
let gpt: VerifiedFile[];
let bert: VerifiedFile[];
let facts: TinyEncoderFacts;

const filesOf = async (dir: string, model: string): Promise<VerifiedFile[]> => {
  const manifest = await store.import(dir, { model, version: '1', now: new Date() });
  return manifest.files.map((f) => ({ ...f, blob: store.blobPath(f.sha256) }));
};

beforeAll(async () => {
  await writeTinyDecoder(join(root, 'gpt'));
  facts = await writeTinyEncoder(join(root, 'bert'));
  gpt = await filesOf(join(root, 'gpt'), 'gpt');
  bert = await filesOf(join(root, 'bert'), 'bert');
});

afterAll(() => runtime.close());

const generation = (r: RunResult) => {
  if (r.task !== 'text-generation') throw new Error(`not a generation: ${r.task}`);
  return r;
};

describe('the model runtime', () => {
  it('loads a model once, reports the bytes it checked, and reuses it', async () => {
    const progress: LoadProgress[] = [];
    const first = await runtime.run(
      'gpt',
      gpt,
      { task: 'text-generation', input: 'hello' },
      { onProgress: (p) => progress.push(p) },
    );
    expect(generation(first).text.trim()).toBe('world !');
    const weights = gpt.find((f) => f.path === 'onnx/model.onnx')!;
    expect(progress.filter((p) => p.file === 'onnx/model.onnx').at(-1)).toMatchObject({
      bytes: statSync(weights.blob).size,
    });
    expect(runtime.isLoaded('gpt')).toBe(true);

    const again: LoadProgress[] = [];
    await runtime.run(
      'gpt',
      gpt,
      { task: 'text-generation', input: 'one', options: { maxNewTokens: 2 } },
      { onProgress: (p) => again.push(p) },
    );
    expect(again).toEqual([]);
  });

  it('streams each token as it comes, in order, adding up to the result', async () => {
    const pieces: string[] = [];
    const r = generation(
      await runtime.run(
        'gpt',
        gpt,
        { task: 'text-generation', input: 'three', options: { maxNewTokens: 6 } },
        { onToken: (t) => pieces.push(t) },
      ),
    );
    expect(r.text).toBe('four five six seven eight nine');
    expect(pieces.join('')).toBe(r.text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(r).toMatchObject({ tokens: 6, stopped: 'length' });
  });

  it('stops a generation when asked, between two tokens, and stays usable', async () => {
    const controller = new AbortController();
    let pieces = 0;
    const r = generation(
      await runtime.run(
        'gpt',
        gpt,
        { task: 'text-generation', input: 'one', options: { maxNewTokens: 1_000_000 } },
        {
          signal: controller.signal,
          onToken: () => {
            if (++pieces === 20) controller.abort();
          },
        },
      ),
    );
    expect(r.stopped).toBe('cancelled');
    expect(r.tokens).toBeGreaterThanOrEqual(20);
    expect(r.tokens).toBeLessThan(1_000_000);
    const next = generation(
      await runtime.run('gpt', gpt, { task: 'text-generation', input: 'hello' }),
    );
    expect(next.stopped).toBe('eos');
  });

  it('leaves the main thread free while a model runs', async () => {
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    const r = generation(
      await runtime.run('gpt', gpt, {
        task: 'text-generation',
        input: 'one',
        options: { maxNewTokens: 3000 },
      }),
    );
    const took = performance.now() - started;
    clearInterval(timer);
    expect(r.tokens).toBe(3000);
    // Were the run on this thread, no tick would come until it ended.
    expect(ticks).toBeGreaterThan(5);
    expect(longest).toBeLessThan(took / 2);
  });

  it('runs several models at once, each on its own worker', async () => {
    const [g, b] = await Promise.all([
      runtime.run('gpt', gpt, { task: 'text-generation', input: 'hello' }),
      runtime.run('bert', bert, { task: 'text-classification', input: 'an awful film' }),
    ]);
    expect(generation(g).stopped).toBe('eos');
    if (b.task !== 'text-classification') throw new Error(b.task);
    const expected = expectedClass(facts, ['an', 'awful', 'film']);
    expect(b.labels[0]).toMatchObject({ label: expected.label });
    expect(b.labels[0]!.score).toBeCloseTo(expected.score, 5);
    expect(runtime.isLoaded('bert')).toBe(true);
  });

  it('refuses a model whose file is missing, and forgets the failed load', async () => {
    const broken = bert.map((f) =>
      f.path === 'tokenizer.json' ? { ...f, blob: join(root, 'nowhere') } : f,
    );
    await expect(
      runtime.run('broken', broken, { task: 'text-classification', input: 'good' }),
    ).rejects.toMatchObject({ code: 'not-runnable' });
    expect(runtime.isLoaded('broken')).toBe(false);
  });

  it('refuses a blob changed after the ledger check, hashing the very bytes it loads', async () => {
    const dir = tempDir('steward-runtime-copy-');
    const copy = new ModelStore(dir);
    const manifest = await copy.import(join(root, 'bert'), {
      model: 'b',
      version: '1',
      now: new Date(),
    });
    const files = manifest.files.map((f) => ({ ...f, blob: copy.blobPath(f.sha256) }));
    const weights = files.find((f) => f.path === 'onnx/model.onnx')!;
    rmSync(weights.blob);
    writeFileSync(weights.blob, 'not the model');
    await expect(
      runtime.run('changed', files, { task: 'text-classification', input: 'good' }),
    ).rejects.toMatchObject({ code: 'not-runnable', data: { reason: 'files-differ' } });
  });
});

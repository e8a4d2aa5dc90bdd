/**
 * The tiny models of scripts/tiny-models.ts load in plain transformers.js from a local folder, as
 * a user's would, and answer exactly what their weights say: the encoder classifies and embeds
 * by its embedding table, the decoder follows its bigram table and stops at EOS, and every write
 * of a model gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, pipeline, TextStreamer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type TinyDecoderFacts,
  type TinyEncoderFacts,
  writeTinyDecoder,
  writeTinyEncoder,
} from '../../scripts/tiny-models';
import { tempDir } from '../helpers/cli';
import { expectedClass, pooled, unit } from '../helpers/tiny-expect';

const root = tempDir('steward-tiny-');
let bert: TinyEncoderFacts;
let deep: TinyEncoderFacts;
let gpt2: TinyDecoderFacts;

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.localModelPath = root;
  bert = await writeTinyEncoder(join(root, 'tiny-bert'));
  deep = await writeTinyEncoder(join(root, 'tiny-bert-deep'), { layers: 2, hidden: 16 });
  gpt2 = await writeTinyDecoder(join(root, 'tiny-gpt2'));
});

const expectClose = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i] ?? NaN, 5));
};

/** SHA-256 of every file under a folder, by relative path. */
const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
        return [path.slice(dir.length + 1), digest];
      }),
  );

describe('the tiny encoder', () => {
  it('classifies by the sentiment of its words with the softmax its weights give', async () => {
    const classify = await pipeline('text-classification', 'tiny-bert');
    const good = expectedClass(bert, ['a', 'good', 'movie']);
    const awful = expectedClass(bert, ['an', 'awful', 'film']);
    expect(good.label).toBe('POSITIVE');
    expect(awful.label).toBe('NEGATIVE');

    const [positive] = await classify('a good movie');
    expect(positive?.label).toBe('POSITIVE');
    expect(positive?.score).toBeCloseTo(good.score, 5);
    const [negative] = await classify('An awful film');
    expect(negative?.label).toBe('NEGATIVE');
    expect(negative?.score).toBeCloseTo(awful.score, 5);
  });

  it('ignores padding when texts of different lengths share a batch', async () => {
    const classify = await pipeline('text-classification', 'tiny-bert');
    const words = 'this film was very bad and awful'.split(' ');
    const [short, long] = await classify(['a good movie', words.join(' ')]);
    expect(short?.score).toBeCloseTo(expectedClass(bert, ['a', 'good', 'movie']).score, 5);
    expect(long).toEqual({ label: 'NEGATIVE', score: expect.any(Number) as number });
    expect(long?.score).toBeCloseTo(expectedClass(bert, words).score, 5);
  });

  it('embeds a text as the normalised mean of its token embeddings', async () => {
    const extract = await pipeline('feature-extraction', 'tiny-bert');
    const output = await extract('a great film', { pooling: 'mean', normalize: true });
    expect(output.dims).toEqual([1, bert.hidden]);
    expectClose(
      Array.from(output.data as Float32Array),
      unit(pooled(bert, ['a', 'great', 'film'])),
    );
  });

  it('applies its residual tanh layers when asked for some', async () => {
    const extract = await pipeline('feature-extraction', 'tiny-bert-deep');
    const output = await extract('the worst movie', { pooling: 'mean', normalize: true });
    expect(output.dims).toEqual([1, 16]);
    expectClose(
      Array.from(output.data as Float32Array),
      unit(pooled(deep, ['the', 'worst', 'movie'])),
    );
  });
});

describe('the tiny decoder', () => {
  const generated = async (prompt: string, options: Record<string, unknown> = {}) => {
    const generate = await pipeline('text-generation', 'tiny-gpt2');
    const [first] = await generate(prompt, options);
    return first && 'generated_text' in first ? first.generated_text : undefined;
  };

  it('follows its chain and stops by itself at EOS', async () => {
    expect([gpt2.next.hello, gpt2.next.world, gpt2.next['!']]).toEqual(['world', '!', '[EOS]']);
    expect(await generated('hello')).toBe('hello world !');
    expect(await generated('the cat')).toBe('the cat .');
  });

  it('goes round its cycle until max_new_tokens', async () => {
    expect(await generated('one', { max_new_tokens: 5 })).toBe('one two three four five six');
    expect(await generated('nine', { max_new_tokens: 3 })).toBe('nine ten one two');
  });

  it('streams the generated tokens one by one', async () => {
    const generate = await pipeline('text-generation', 'tiny-gpt2');
    const texts: string[] = [];
    const tokens: bigint[][] = [];
    const streamer = new TextStreamer(generate.tokenizer, {
      skip_prompt: true,
      callback_function: (text: string) => texts.push(text),
      token_callback_function: (ids: bigint[]) => tokens.push(ids),
    });
    await generate('one', { max_new_tokens: 4, streamer });
    const ids = ['two', 'three', 'four', 'five'].map((t) => [BigInt(gpt2.vocab[t] ?? -1)]);
    expect(tokens).toEqual(ids);
    // The streamer holds each word back until the next one shows where it ends.
    expect(texts).toEqual(['two ', 'three ', 'four ', 'five']);
  });
});

describe('writing a tiny model', () => {
  it('gives the same bytes every time', async () => {
    const again = tempDir('steward-tiny-again-');
    await writeTinyEncoder(join(again, 'tiny-bert'));
    await writeTinyEncoder(join(again, 'tiny-bert-deep'), { layers: 2, hidden: 16 });
    await writeTinyDecoder(join(again, 'tiny-gpt2'));
    for (const name of ['tiny-bert', 'tiny-bert-deep', 'tiny-gpt2']) {
      const first = hashes(join(root, name));
      expect(Object.keys(first).sort()).toContain('onnx/model.onnx');
      expect(hashes(join(again, name))).toEqual(first);
    }
  });

  it('refuses sizes it cannot build', async () => {
    await expect(writeTinyEncoder(join(root, 'bad'), { hidden: 1 })).rejects.toThrow(RangeError);
    await expect(writeTinyEncoder(join(root, 'bad'), { layers: -1 })).rejects.toThrow(RangeError);
  });
});

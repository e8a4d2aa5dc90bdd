/**
 * `steward model run` on real generated models, through the same worker and loading code a user's
 * model takes: the answers the weights were built to give, streaming and cancelling generation,
 * a tampered byte refused before anything loads, approval where the charter asks for it, the run
 * log, and bad input refused by name.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli';
import { modelGroup, type ModelGroup } from '../helpers/model-group';
import { classScores, pooled, unit } from '../helpers/tiny-expect';

type Generation = { text: string; tokens: number; stopped: string; model: string; version: string };
type Classification = { labels: { label: string; score: number }[] };
type Embedding = { embedding: number[]; dims: number[] };
type LogEntry = {
  member?: { name: string };
  model: string;
  version: string;
  files: { path: string; sha256: string }[];
  task: string;
  via: string;
  outcome: string;
  error?: string;
};

let g: ModelGroup;

beforeAll(async () => {
  g = await modelGroup();
}, 60_000);

const blobOf = (file: string) => join(g.home, 'models', 'blobs', 'sha256', file);

describe('steward model run', () => {
  it('imports the generated models with the hashes sha256sum gives', () => {
    for (const [dir, files] of [
      [g.bertDir, g.imported.bert],
      [g.gptDir, g.imported.gpt],
    ] as const) {
      expect(files.map((f) => f.path)).toContain('onnx/model.onnx');
      for (const f of files) {
        const sum = execFileSync('sha256sum', [join(dir, f.path)], { encoding: 'utf8' });
        expect(f.sha256).toBe(sum.slice(0, 64));
      }
    }
  });

  it('generates along the decoder’s chain and stops by itself at its end', () => {
    const out = g.ok<Generation>(
      'model',
      'run',
      'gpt',
      '--task',
      'text-generation',
      '--input',
      'hello',
    );
    expect(out).toMatchObject({ model: 'gpt', version: '1.0', stopped: 'eos' });
    expect(out.text.trim()).toBe(`${g.gpt.next.hello} ${g.gpt.next.world}`);
    // world, !, and the end-of-sequence token that stopped it.
    expect(out.tokens).toBe(3);
  });

  it('stops at --max-new-tokens, and streams the text as it comes without --json', () => {
    const json = g.ok<Generation>(
      'model',
      'run',
      'gpt@1.0',
      '--task',
      'text-generation',
      '--input',
      'one',
      '--max-new-tokens',
      '5',
    );
    expect(json).toMatchObject({ text: 'two three four five six', tokens: 5, stopped: 'length' });
    const r = execFileSync(
      process.execPath,
      [
        CLI,
        'model',
        'run',
        'gpt',
        '--task',
        'text-generation',
        '--input',
        'nine',
        '--max-new-tokens',
        '3',
      ],
      { cwd: g.repo, env: { ...process.env, ...g.env() }, encoding: 'utf8' },
    );
    expect(r).toMatch(/^ten one two\n.*3 tokens.*stopped at --max-new-tokens/s);
  });

  it('classifies with the scores the encoder’s weights give', () => {
    for (const text of ['a good movie', 'an awful film', 'the best film']) {
      const out = g.ok<Classification>(
        'model',
        'run',
        'bert',
        '--task',
        'text-classification',
        '--input',
        text,
      );
      const scores = classScores(g.bert, text.split(' '));
      expect(out.labels.map((l) => l.label).sort()).toEqual([...g.bert.labels].sort());
      for (const { label, score } of out.labels)
        expect(score).toBeCloseTo(scores[g.bert.labels.indexOf(label)]!, 5);
      // Best first.
      expect(out.labels[0]!.score).toBe(Math.max(...out.labels.map((l) => l.score)));
    }
  });

  it('embeds a text as the unit mean of its token embeddings, or as it is with --no-normalize', () => {
    const words = ['a', 'great', 'film'];
    const out = g.ok<Embedding>(
      'model',
      'run',
      'bert',
      '--task',
      'feature-extraction',
      '--input',
      words.join(' '),
    );
    expect(out.dims).toEqual([g.bert.hidden]);
    unit(pooled(g.bert, words)).forEach((x, i) => expect(out.embedding[i]).toBeCloseTo(x, 5));
    const raw = g.ok<Embedding>(
      'model',
      'run',
      'bert',
      '--task',
      'feature-extraction',
      '--input',
      words.join(' '),
      '--no-normalize',
    );
    pooled(g.bert, words).forEach((x, i) => expect(raw.embedding[i]).toBeCloseTo(x, 5));
  });

  it('stops a generation at the first Ctrl-C and keeps what came', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'model',
        'run',
        'gpt',
        '--task',
        'text-generation',
        '--input',
        'one',
        '--max-new-tokens',
        '1000000',
      ],
      { cwd: g.repo, env: { ...process.env, ...g.env() } },
    );
    let out = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.length > 200 && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', resolve);
    });
    expect(code).toBe(130);
    const words = out.split('\n')[0]!.trim().split(' ');
    const cycle = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    expect(words.length).toBeGreaterThan(20);
    expect(words.length).toBeLessThan(1_000_000);
    words.forEach((w, i) => expect(w).toBe(cycle[(i + 1) % 10]));
    expect(out).toMatch(/cancelled/);
  }, 60_000);

  it('refuses a model whose stored bytes changed since import, before it loads', () => {
    const weights = g.imported.gpt.find((f) => f.path === 'onnx/model.onnx')!;
    const blob = blobOf(weights.sha256);
    const bytes = readFileSync(blob);
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 3]! ^= 0x01;
    writeFileSync(blob, tampered);
    try {
      const error = g.fails('model', 'run', 'gpt', '--task', 'text-generation', '--input', 'hello');
      expect(error).toMatchObject({
        code: 'not-runnable',
        data: { reason: 'files-differ', path: 'onnx/model.onnx', expected: weights.sha256 },
      });
      expect(error.message).toMatch(/nothing was loaded/);
      const verify = g.run('model', 'verify', 'gpt@1.0');
      expect(verify.status).not.toBe(0);
      expect(verify.json).toMatchObject({ ok: false, mismatched: [{ path: 'onnx/model.onnx' }] });
    } finally {
      writeFileSync(blob, bytes);
    }
    expect(
      g.ok<Generation>('model', 'run', 'gpt', '--task', 'text-generation', '--input', 'hello')
        .stopped,
    ).toBe('eos');
  });

  it('refuses input it cannot use, by name', () => {
    expect(g.fails('model', 'run', 'gpt', '--task', 'translation', '--input', 'x')).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/--task must be one of/) as string,
    });
    expect(g.fails('model', 'run', 'nope', '--task', 'text-generation', '--input', 'x').code).toBe(
      'not-found',
    );
    expect(
      g.fails('model', 'run', 'gpt@9', '--task', 'text-generation', '--input', 'x'),
    ).toMatchObject({
      code: 'not-runnable',
      data: { reason: 'not-registered' },
    });
    for (const flag of [
      ['--max-new-tokens', '0'],
      ['--max-new-tokens', 'many'],
      ['--temperature', '-1'],
      ['--pooling', 'max'],
    ])
      expect(
        g.fails('model', 'run', 'gpt', '--task', 'text-generation', '--input', 'x', ...flag).code,
      ).toBe('invalid-argument');
    expect(
      g.fails('model', 'run', 'BAD SLUG', '--task', 'text-generation', '--input', 'x').code,
    ).toBe('invalid-argument');
  });

  it('logs who ran which version with which files, whatever the outcome', () => {
    const log = g.ok<LogEntry[]>('model', 'log', '--model', 'gpt');
    expect(log.length).toBeGreaterThanOrEqual(4);
    const hashes = g.imported.gpt.map(({ path, sha256 }) => ({ path, sha256 }));
    for (const entry of log) {
      expect(entry).toMatchObject({
        member: { name: 'Alice' },
        model: 'gpt',
        version: '1.0',
        via: 'run',
      });
      expect(entry.files).toEqual(hashes);
    }
    const outcomes = log.map((e) => e.outcome);
    expect(outcomes).toContain('ok');
    expect(outcomes).toContain('cancelled');
    expect(log.find((e) => e.outcome === 'failed')?.error).toMatch(/changed on disk/);
    expect(g.ok<LogEntry[]>('model', 'log', '--limit', '2')).toHaveLength(2);
    const file = join(g.root, 'runs.jsonl');
    g.ok('model', 'log', '--model', 'bert', '--export', file);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogEntry);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(new Set(lines.map((l) => l.model))).toEqual(new Set(['bert']));
  });

  it('refuses a registered version the charter wants approved until an approve-use passes', () => {
    g.pass('amend-charter', '--title', 'Approve first', '--set', 'requireApproval=true');
    expect(
      g.fails('model', 'run', 'bert', '--task', 'text-classification', '--input', 'good'),
    ).toMatchObject({
      code: 'not-runnable',
      data: { reason: 'not-approved' },
    });
    g.pass(
      'approve-use',
      '--title',
      'Use bert',
      '--model',
      'bert',
      '--version',
      '1.0',
      '--purpose',
      'reviews',
    );
    expect(
      g.ok<Classification>(
        'model',
        'run',
        'bert',
        '--task',
        'text-classification',
        '--input',
        'good',
      ).labels[0]!.label,
    ).toBe('POSITIVE');
    expect(
      g.fails('model', 'run', 'gpt', '--task', 'text-generation', '--input', 'hello').data,
    ).toMatchObject({
      reason: 'not-approved',
    });
  });
});

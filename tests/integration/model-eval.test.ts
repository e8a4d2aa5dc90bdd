/**
 * `steward model eval` and `model reproduce` on real generated models: metrics the weights
 * determine, evidence signed and verified in the repo, a peer reproducing it on their own machine,
 * and every way a reproduction can fail to match said plainly.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachEvidence } from '../../electron/core/governance/evidence';
import { Keystore } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import type { Evaluation as CoreEvaluation } from '../../electron/core/models/eval';
import { evidenceOf } from '../../electron/core/models/reproduce';
import { steward } from '../helpers/cli';
import { modelGroup, type ModelGroup } from '../helpers/model-group';
import { expectedClass } from '../helpers/tiny-expect';

type Evaluation = CoreEvaluation & { evidence?: { id: string; proposal: string; commit: string } };
type Reproduction = {
  same: boolean;
  outputs: { recorded: string; reproduced?: string };
  metrics: { recorded: Record<string, number>; reproduced?: Record<string, number> };
  files: { path: string; evidence?: string; here?: string }[];
};
type Evidence = Omit<Evaluation, 'items' | 'evidence'> & { id: string; author: string };

let g: ModelGroup;
let proposal: string;
const sentiment = [
  { input: 'a good movie', expected: 'POSITIVE' },
  { input: 'an awful film', expected: 'NEGATIVE' },
  { input: 'the best film', expected: 'POSITIVE' },
  // The encoder says NEGATIVE: one wrong answer out of four.
  { input: 'very bad', expected: 'POSITIVE' },
];
const jsonl = (items: unknown[]): string => items.map((i) => `${JSON.stringify(i)}\n`).join('');
const dataFile = (name: string, text: string): string => {
  const file = join(g.root, name);
  writeFileSync(file, text);
  return file;
};

beforeAll(async () => {
  g = await modelGroup();
  proposal = g.ok<{ id: string }>(
    'propose',
    'approve-use',
    '--title',
    'Use bert for reviews',
    '--model',
    'bert',
    '--version',
    '1.0',
    '--purpose',
    'sorting reviews',
  ).id;
}, 60_000);

describe('steward model eval', () => {
  let signed: Evaluation;

  it('computes accuracy from the encoder’s answers, item by item', () => {
    const file = dataFile('sentiment.jsonl', jsonl(sentiment));
    const out = g.ok<Evaluation>(
      'model',
      'eval',
      'bert',
      '--data',
      file,
      '--task',
      'text-classification',
    );
    const answers = sentiment.map((s) => expectedClass(g.bert, s.input.split(' ')).label);
    expect(answers).toEqual(['POSITIVE', 'NEGATIVE', 'POSITIVE', 'NEGATIVE']);
    expect(out.items.map((i) => i.correct)).toEqual([true, true, true, false]);
    expect(out.metrics).toMatchObject({ items: 4, accuracy: 0.75 });
    expect(out.metrics.meanLatencyMs).toBeGreaterThan(0);
    const sum = execFileSync('sha256sum', [file], { encoding: 'utf8' }).slice(0, 64);
    expect(out.dataset).toEqual({ name: 'sentiment.jsonl', sha256: sum, items: 4 });
    expect(out.files).toEqual(g.imported.bert.map(({ path, sha256 }) => ({ path, sha256 })));
    expect(out.evidence).toBeUndefined();
  });

  it('computes exact match for generation', () => {
    const file = dataFile(
      'chain.jsonl',
      jsonl([
        { input: 'hello', expected: 'world !' },
        { input: 'one', expected: 'two three' },
        { input: 'the cat', expected: 'sat' },
      ]),
    );
    const out = g.ok<Evaluation>(
      'model',
      'eval',
      'gpt',
      '--data',
      file,
      '--task',
      'text-generation',
      '--max-new-tokens',
      '2',
    );
    expect(out.items.map((i) => i.output)).toEqual(['world !', 'two three', '.']);
    expect(out.metrics).toMatchObject({ items: 3 });
    expect(out.metrics.exactMatch).toBeCloseTo(2 / 3, 6);
    expect(out.settings).toEqual({ maxNewTokens: 2, doSample: false });
  });

  it('signs the result as evidence on a proposal, verified and shown, counted in no tally', () => {
    const file = dataFile('sentiment.jsonl', jsonl(sentiment));
    const before = g.ok<{ tally: unknown; status: string }>('show', proposal);
    signed = g.ok<Evaluation>(
      'model',
      'eval',
      'bert',
      '--data',
      file,
      '--task',
      'text-classification',
      '--proposal',
      proposal.slice(0, 10),
      '--note',
      'first look',
      '--out',
      join(g.root, 'evaluation.json'),
    );
    expect(signed.evidence).toMatchObject({ proposal });
    const shown = g.ok<{ tally: unknown; status: string; evidence: Evidence[] }>('show', proposal);
    expect(shown.tally).toEqual(before.tally);
    expect(shown.status).toBe(before.status);
    expect(shown.evidence).toHaveLength(1);
    expect(shown.evidence[0]).toMatchObject({
      id: signed.evidence!.id,
      model: 'bert',
      version: '1.0',
      files: signed.files,
      task: 'text-classification',
      dataset: signed.dataset,
      seed: 0,
      metrics: signed.metrics,
      outputs: signed.outputs,
      note: 'first look',
    });
    expect(g.ok<{ ok: boolean; quarantined: unknown[] }>('verify')).toMatchObject({ ok: true });
    // One commit, one statement file, as git sees it.
    const changed = execFileSync(
      'git',
      ['show', '--name-only', '--format=', signed.evidence!.commit],
      {
        cwd: g.repo,
        encoding: 'utf8',
      },
    );
    expect(changed.trim()).toMatch(new RegExp(`/evidence/${signed.evidence!.id}\\.json$`));
  });

  it('is reproduced on this machine, from the dataset it kept', () => {
    const r = g.ok<Reproduction>('model', 'reproduce', signed.evidence!.id.slice(0, 8));
    expect(r.same).toBe(true);
    expect(r.outputs.reproduced).toBe(signed.outputs);
    expect(r.metrics.reproduced).toMatchObject({ accuracy: 0.75, items: 4 });
  });

  it('is reproduced by a peer who has the repo, the model and the dataset, but no identity', () => {
    const peer = join(g.root, 'peer');
    mkdirSync(peer);
    execFileSync('git', ['clone', '-q', g.repo, join(peer, 'repo')]);
    const env = { STEWARD_HOME: join(peer, 'home'), STEWARD_NOW: '2026-06-02T00:00:00.000Z' };
    const run = (...args: string[]) => steward([...args, '--json'], env, join(peer, 'repo'));
    expect(run('model', 'import', g.bertDir, '--model', 'bert', '--version', '1.0').status).toBe(0);
    const without = run('model', 'reproduce', signed.evidence!.id);
    expect(without.status).not.toBe(0);
    expect(without.json).toMatchObject({
      error: { code: 'not-found', message: expect.stringMatching(/--data/) as string },
    });
    const r = run(
      'model',
      'reproduce',
      signed.evidence!.id,
      '--data',
      join(g.root, 'sentiment.jsonl'),
    );
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ same: true });
  });

  it('says so when the outputs differ, and when the files differ', async () => {
    const signer = await new Keystore(g.home).unlock('correct horse battery');
    const ctx = {
      ledger: await Ledger.open(g.repo),
      signer,
      now: new Date(g.env().STEWARD_NOW!),
    };
    const body = evidenceOf(signed, 'first look');
    const claim = (over: Partial<typeof body>) =>
      attachEvidence(ctx, { ...body, ...over, proposal }).then((r) => r.id);
    const wrongOutputs = await claim({
      metrics: { ...body.metrics, accuracy: 1 },
      outputs: 'ab'.repeat(32),
    });
    const wrongFiles = await claim({
      files: body.files.map((f) =>
        f.path === 'onnx/model.onnx' ? { ...f, sha256: 'cd'.repeat(32) } : f,
      ),
    });

    const outputs = g.run('model', 'reproduce', wrongOutputs);
    expect(outputs.status).toBe(1);
    expect(outputs.json).toMatchObject({
      same: false,
      outputs: { recorded: 'ab'.repeat(32), reproduced: signed.outputs },
      metrics: { recorded: { accuracy: 1 }, reproduced: { accuracy: 0.75 } },
    });
    const files = g.run('model', 'reproduce', wrongFiles);
    expect(files.status).toBe(1);
    expect(files.json).toMatchObject({
      same: false,
      files: [{ path: 'onnx/model.onnx', evidence: 'cd'.repeat(32) }],
    });
    expect((files.json as Reproduction).outputs.reproduced).toBeUndefined();
  });

  it('repeats a sampled generation exactly from its seed', () => {
    const file = dataFile(
      'cycle.jsonl',
      jsonl(['one', 'four', 'seven'].map((input) => ({ input }))),
    );
    const sampled = (seed: string) =>
      g.ok<Evaluation>(
        'model',
        'eval',
        'gpt',
        '--data',
        file,
        '--task',
        'text-generation',
        '--sample',
        '--temperature',
        '8',
        '--max-new-tokens',
        '12',
        '--seed',
        seed,
        '--proposal',
        proposal,
      );
    const a = sampled('7');
    const b = sampled('7');
    const c = sampled('8');
    expect(a.outputs).toBe(b.outputs);
    expect(c.outputs).not.toBe(a.outputs);
    expect(a.settings).toEqual({ maxNewTokens: 12, doSample: true, temperature: 8 });
    expect(g.ok<Reproduction>('model', 'reproduce', c.evidence!.id)).toMatchObject({ same: true });
  });

  it('refuses bad datasets by line, and checks the proposal before running', () => {
    const cases: [string, RegExp][] = [
      ['{"input":"fine"}\nnot json\n', /line 2 is not JSON/],
      ['{"input":"fine"}\n\n[1,2]\n', /line 3 is not an object/],
      ['{"expected":"POSITIVE"}\n', /line 1 has no "input"/],
      ['\n\n', /holds no items/],
    ];
    for (const [text, message] of cases) {
      const error = g.fails(
        'model',
        'eval',
        'bert',
        '--data',
        dataFile('bad.jsonl', text),
        '--task',
        'text-classification',
      );
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toMatch(message);
    }
    expect(
      g.fails(
        'model',
        'eval',
        'bert',
        '--data',
        join(g.root, 'absent.jsonl'),
        '--task',
        'text-classification',
      ).code,
    ).toBe('not-found');
    const runs = g.ok<unknown[]>('model', 'log').length;
    const error = g.fails(
      'model',
      'eval',
      'bert',
      '--data',
      join(g.root, 'sentiment.jsonl'),
      '--task',
      'text-classification',
      '--proposal',
      'abcdef12',
    );
    expect(error.code).toBe('not-found');
    expect(g.ok<unknown[]>('model', 'log')).toHaveLength(runs);
    const other = dataFile('other.jsonl', jsonl(sentiment.slice(1)));
    expect(g.fails('model', 'reproduce', signed.evidence!.id, '--data', other)).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/evidence was computed on a dataset hashing to/) as string,
    });
    expect(g.fails('model', 'reproduce', 'fedcba98').code).toBe('not-found');
  });
});

/**
 * The `evidence` statement file, stage one: what a valid one may hold, and that every field's bad
 * values are refused, each signed properly so that the field is the only fault.
 */
import { describe, expect, it } from 'vitest';
import { checkFile, type CheckResult } from '../../../shared/format/check';
import { classifyPath, statementPath } from '../../../shared/format/paths';
import { schemaProblem } from '../../../shared/format/validate';
import type { EvidenceStatement } from '../../../shared/format/types';
import { nodeCrypto } from '../../../electron/core/crypto';
import { evidenceBody, makeSigner, toFile } from '../../helpers/memory-group';

const alice = makeSigner('Alice');
const P = '1'.repeat(64);

const valid = (): EvidenceStatement => ({
  format: 'steward/1',
  type: 'evidence',
  group: '2'.repeat(64),
  author: alice.id,
  created: '2026-03-03T10:00:00.000Z',
  proposal: P,
  ...evidenceBody(),
});

type Loose = Record<string, unknown> & {
  files: Record<string, unknown>[];
  dataset: Record<string, unknown>;
  settings: Record<string, unknown>;
  metrics: Record<string, unknown>;
  runtime: Record<string, unknown>;
};
type Change = (s: Loose) => void;

/** A signed, canonical file of the statement after `change`, checked alone. */
const checked = (change: Change = () => {}, path?: string): CheckResult => {
  const st = structuredClone(valid()) as unknown as Loose;
  change(st);
  // Filed under P, even when the statement names no proposal or another one.
  const file = toFile(st as unknown as EvidenceStatement, [alice], '');
  return checkFile({ ...file, path: path ?? statementPath('evidence', file.id, P) }, nodeCrypto);
};

const keys = (n: number, value: unknown) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));

/** Bad values, grouped by where the first schema error is reported. */
const refusedAt: Record<string, [string, Change][]> = {
  '/statement/outputs': [
    ['uppercase hex outputs', (s) => (s.outputs = 'D'.repeat(64))],
    ['a short outputs hash', (s) => (s.outputs = 'd'.repeat(63))],
    ['a non-hex outputs hash', (s) => (s.outputs = 'g'.repeat(64))],
    ['a 40-hex outputs hash', (s) => (s.outputs = 'd'.repeat(40))],
  ],
  '/statement/dataset/sha256': [
    ['uppercase hex in a dataset hash', (s) => (s.dataset.sha256 = 'C'.repeat(64))],
    ['a dataset hash too long', (s) => (s.dataset.sha256 = 'c'.repeat(65))],
  ],
  '/statement/files/0/sha256': [
    ['a file hash in base64', (s) => (s.files[0]!.sha256 = 'q'.repeat(43))],
  ],
  '/statement/model': [
    ['an uppercase slug', (s) => (s.model = 'Tiny-Llama')],
    ['a slug with a slash', (s) => (s.model = 'org/tiny')],
  ],
  '/statement/version': [
    ['an empty version', (s) => (s.version = '')],
    ['a version starting with a dot', (s) => (s.version = '.1')],
  ],
  '/statement/files': [
    ['an empty file list', (s) => (s.files = [])],
    ['unsorted files', (s) => s.files.reverse()],
    ['a file twice', (s) => (s.files = [s.files[0]!, s.files[0]!])],
    ['a path twice', (s) => (s.files = [s.files[0]!, { ...s.files[0]!, sha256: 'e'.repeat(64) }])],
    ['files as an object', (s) => (s.files = { path: 'a', sha256: 'a'.repeat(64) } as never)],
  ],
  '/statement/files/0/path': [
    ['a file path climbing out', (s) => (s.files[0]!.path = '../config.json')],
    ['an absolute file path', (s) => (s.files[0]!.path = '/config.json')],
  ],
  '/statement/files/0': [
    ['a file with a third field', (s) => (s.files[0]!.size = 10)],
    ['a file without a hash', (s) => delete s.files[0]!.sha256],
  ],
  '/statement/task': [
    ['an unknown task', (s) => (s.task = 'summarization')],
    ['a task in capitals', (s) => (s.task = 'Text-Generation')],
  ],
  '/statement/dataset/items': [
    ['no items', (s) => (s.dataset.items = 0)],
    ['negative items', (s) => (s.dataset.items = -3)],
    ['fractional items', (s) => (s.dataset.items = 1.5)],
    ['items as text', (s) => (s.dataset.items = '200')],
    ['items beyond exact integers', (s) => (s.dataset.items = 2 ** 53)],
  ],
  '/statement/dataset/name': [
    ['an empty dataset name', (s) => (s.dataset.name = '')],
    ['a dataset name with a slash', (s) => (s.dataset.name = 'data/set.jsonl')],
    ['a dataset name with a backslash', (s) => (s.dataset.name = 'data\\set.jsonl')],
    ['a dataset name of ..', (s) => (s.dataset.name = '..')],
    ['a dataset name of .', (s) => (s.dataset.name = '.')],
    ['a dataset name with a newline', (s) => (s.dataset.name = 'a\nb.jsonl')],
    ['a dataset name with an escape', (s) => (s.dataset.name = '\u001b[31mred')],
    ['a dataset name with a C1 control', (s) => (s.dataset.name = '\u009b31mred')],
    ['a dataset name of 201 code points', (s) => (s.dataset.name = '😀'.repeat(201))],
  ],
  '/statement/dataset': [
    ['a dataset with a fourth field', (s) => (s.dataset.url = 'https://example.com')],
    ['a dataset without a hash', (s) => delete s.dataset.sha256],
  ],
  '/statement/settings': [
    ['33 settings', (s) => (s.settings = keys(33, 1))],
    ['a setting name starting with a digit', (s) => (s.settings = { '1x': 1 })],
    ['a setting name with a space', (s) => (s.settings = { 'top k': 1 })],
    ['a setting name of 65 characters', (s) => (s.settings = { ['s'.repeat(65)]: 1 })],
    ['an empty setting name', (s) => (s.settings = { '': 1 })],
    ['settings as a list', (s) => (s.settings = [] as never)],
  ],
  '/statement/settings/a': [
    ['a setting of 201 characters', (s) => (s.settings = { a: 'x'.repeat(201) })],
    ['a null setting', (s) => (s.settings = { a: null })],
    ['a setting holding an object', (s) => (s.settings = { a: {} })],
    ['a setting holding a list', (s) => (s.settings = { a: [1] })],
  ],
  '/statement/seed': [
    ['a negative seed', (s) => (s.seed = -1)],
    ['a seed of 2^32', (s) => (s.seed = 2 ** 32)],
    ['a fractional seed', (s) => (s.seed = 0.5)],
    ['a seed as text', (s) => (s.seed = '0')],
  ],
  '/statement/metrics': [
    ['empty metrics', (s) => (s.metrics = {})],
    ['33 metrics', (s) => (s.metrics = keys(33, 1))],
    ['a metric name with a dot', (s) => (s.metrics = { 'acc.top1': 1 })],
  ],
  '/statement/metrics/m': [
    ['a metric as text', (s) => (s.metrics = { m: '0.9' })],
    ['a boolean metric', (s) => (s.metrics = { m: true })],
    ['a null metric', (s) => (s.metrics = { m: null })],
  ],
  '/statement/runtime': [
    ['a runtime without onnxruntime', (s) => delete s.runtime.onnxruntime],
    ['a runtime with a third field', (s) => (s.runtime.gpu = 'none')],
    ['a runtime as text', (s) => (s.runtime = 'transformers.js' as never)],
  ],
  '/statement/runtime/library': [
    ['a runtime library of 101 characters', (s) => (s.runtime.library = 'x'.repeat(101))],
  ],
  '/statement/note': [
    ['a note of 2,001 code points', (s) => (s.note = '😀'.repeat(2001))],
    ['a numeric note', (s) => (s.note = 5)],
  ],
  '/statement': [
    ['an unknown field', (s) => (s.weight = 1)],
    ['a choice, as if it were a vote', (s) => (s.choice = 'yes')],
    ...(
      [
        'proposal',
        'model',
        'version',
        'files',
        'task',
        'dataset',
        'settings',
        'seed',
        'metrics',
        'outputs',
        'runtime',
      ] as const
    ).map((field): [string, Change] => [`no ${field}`, (s) => delete s[field]]),
  ],
};
const refusals = Object.entries(refusedAt).flatMap(([where, cases]) =>
  cases.map(([what, change]): [string, string, Change] => [what, where, change]),
);

describe('an evidence file', () => {
  it('is accepted as Steward writes it, at its one path', () => {
    const r = checked();
    expect(r.ok).toBe(true);
    if (r.ok !== true) return;
    expect(r.path).toBe(`proposals/11/${P}/evidence/${r.id}.json`);
    expect(classifyPath(statementPath('evidence', r.id, P))).toEqual({
      kind: 'statement',
      type: 'evidence',
      id: r.id,
      proposal: P,
    });
  });

  it.each<[string, Change]>([
    ['a note of 2,000 code points', (s) => (s.note = '😀'.repeat(2000))],
    ['an empty note', (s) => (s.note = '')],
    ['no dataset name', (s) => delete s.dataset.name],
    ['a dataset name of 200 code points', (s) => (s.dataset.name = 'é'.repeat(199) + '😀')],
    ['a dataset name with spaces and dots', (s) => (s.dataset.name = 'my set .v2.jsonl')],
    ['one file', (s) => (s.files = [s.files[0]!])],
    ['empty settings', (s) => (s.settings = {})],
    ['32 settings', (s) => (s.settings = keys(32, 'x'.repeat(200)))],
    [
      'settings of every kind',
      (s) =>
        (s.settings = { maxNewTokens: 64, doSample: false, pooling: 'mean', t: 0.7, 'a-b_c': '' }),
    ],
    ['32 metrics', (s) => (s.metrics = keys(32, -1.5))],
    ['a metric of 0 and a huge one', (s) => (s.metrics = { zero: 0, big: 1e300 })],
    ['the largest seed', (s) => (s.seed = 4294967295)],
    ['a one-item dataset', (s) => (s.dataset.items = 1)],
    ['feature extraction', (s) => (s.task = 'feature-extraction')],
    ['text generation', (s) => (s.task = 'text-generation')],
    ['a 64-character metric name', (s) => (s.metrics = { ['m'.repeat(64)]: 1 })],
    ['empty runtime strings', (s) => (s.runtime = { library: '', onnxruntime: '' })],
  ])('is accepted with %s', (_, change) => {
    const r = checked(change);
    expect(r.ok, JSON.stringify(r)).toBe(true);
  });

  it.each(refusals)('is refused (schema-violation) with %s, at %s', (_, where, change) => {
    const r = checked(change);
    expect(r).toMatchObject({ ok: false, reason: 'schema-violation', type: 'evidence' });
    expect((r as { detail: string }).detail.startsWith(`${where} `), JSON.stringify(r)).toBe(true);
  });

  it.each([
    ['1e999', 'Infinity'],
    ['-1e999', '-Infinity'],
  ])('is refused when a metric reads as %s (%s)', (text) => {
    const file = toFile(valid(), [alice]);
    const raw = new TextDecoder()
      .decode(file.bytes)
      .replace('"accuracy": 0.91', `"accuracy": ${text}`);
    const bytes = new TextEncoder().encode(raw);
    const r = checkFile({ ...file, bytes, size: bytes.length }, nodeCrypto);
    expect(r).toMatchObject({
      ok: false,
      reason: 'schema-violation',
      detail: '/statement/metrics/accuracy must be number',
    });
  });

  it.each([NaN, Infinity, -Infinity])('fails the schema with a %s metric or setting', (x) => {
    const env = (statement: object) => ({
      statement,
      signatures: [{ key: alice.publicKey, signature: 'A'.repeat(86) }],
    });
    expect(schemaProblem('evidence', env({ ...valid(), metrics: { accuracy: x } }))).toContain(
      '/statement/metrics/accuracy',
    );
    expect(schemaProblem('evidence', env({ ...valid(), settings: { t: x } }))).toContain(
      '/statement/settings/t',
    );
  });

  it('says which files are out of order or repeated', () => {
    expect(checked((s) => s.files.reverse())).toMatchObject({
      detail: '/statement/files is not sorted by path (config.json after onnx/model.onnx)',
    });
    expect(checked((s) => (s.files = [s.files[1]!, s.files[1]!]))).toMatchObject({
      detail: '/statement/files names onnx/model.onnx twice',
    });
  });

  it('is misplaced in another folder, under another proposal, or with a vote in its folder', () => {
    const file = toFile(valid(), [alice]);
    const inVotes = file.path.replace('/evidence/', '/votes/');
    expect(checked(undefined, inVotes)).toMatchObject({ ok: false, reason: 'misplaced' });
    const elsewhere = file.path.replaceAll('1'.repeat(64), '3'.repeat(64)).replace('/11/', '/33/');
    expect(checked(undefined, elsewhere)).toMatchObject({ ok: false, reason: 'misplaced' });
    const common = valid();
    const vote = toFile(
      {
        format: 'steward/1',
        type: 'vote',
        group: common.group,
        author: alice.id,
        created: common.created,
        proposal: P,
        choice: 'yes',
      },
      [alice],
    );
    const filed = { ...vote, path: vote.path.replace('/votes/', '/evidence/') };
    expect(checkFile(filed, nodeCrypto)).toMatchObject({ ok: false, reason: 'misplaced' });
  });
});

/**
 * A model record's file sizes (docs/format.md §7.4): a version proposed from files this machine
 * holds records each file's size; a file it does not hold is recorded without one; records with
 * and without sizes are both valid, and a size that is not a whole number of bytes is refused.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaProblem } from '../../shared/format/validate';
import { modelGroup, type ModelGroup } from '../helpers/model-group';
import { makeSigner, toFile } from '../helpers/memory-group';

type Version = { version: string; files: { path: string; sha256: string; size?: number }[] };
type ModelJson = { slug: string; versions: Version[] };

let g: ModelGroup;
beforeAll(async () => {
  g = await modelGroup();
}, 120_000);
afterAll(() => rmSync(g.root, { recursive: true, force: true }));

describe('model records with file sizes', () => {
  it('records the size of every imported file when a version is proposed from an import', () => {
    const models = g.ok<ModelJson[]>('models');
    const gpt = models.find((m) => m.slug === 'gpt')!.versions[0]!;
    expect(gpt.files.length).toBe(g.imported.gpt.length);
    for (const f of g.imported.gpt) {
      expect(gpt.files.find((r) => r.path === f.path)).toEqual({
        path: f.path,
        sha256: f.sha256,
        size: f.size,
      });
    }
  });

  it('records a size for a file held here and none for a file this machine lacks', () => {
    const held = g.imported.bert[0]!;
    const absent = 'a'.repeat(64);
    g.pass(
      'add-version',
      '--title',
      'bert 2',
      '--model',
      'bert',
      '--version',
      '2.0',
      '--file',
      `${held.path}=${held.sha256}`,
      '--file',
      `onnx/extra.onnx=${absent}`,
    );
    const v2 = g.ok<ModelJson[]>('models').find((m) => m.slug === 'bert')!.versions[1]!;
    expect(v2.files).toEqual([
      { path: held.path, sha256: held.sha256, size: held.size },
      { path: 'onnx/extra.onnx', sha256: absent },
    ]);
  });
});

describe('the record file schema', () => {
  const alice = makeSigner('Alice');
  const proposal = (files: unknown[]) => {
    const st = {
      format: 'steward/1',
      type: 'proposal',
      group: '2'.repeat(64),
      author: alice.id,
      created: '2026-03-03T10:00:00.000Z',
      kind: 'add-version',
      title: 'v2',
      body: '',
      params: { model: 'tiny', version: '2', files },
    };
    return JSON.parse(new TextDecoder().decode(toFile(st as never, [alice], '').bytes)) as unknown;
  };
  const file = (extra: Record<string, unknown>) => ({
    path: 'onnx/model.onnx',
    sha256: 'b'.repeat(64),
    ...extra,
  });

  it.each([
    ['no size (a record written before sizes)', {}],
    ['an empty file', { size: 0 }],
    ['a 5 GB file', { size: 5_000_000_000 }],
    ['the largest exact JSON integer', { size: 9007199254740991 }],
  ])('accepts %s', (_, extra) => {
    expect(schemaProblem('proposal', proposal([file(extra)]))).toBeUndefined();
  });

  it.each([
    ['a negative size', { size: -1 }],
    ['a fractional size', { size: 1.5 }],
    ['a size in a string', { size: '12' }],
    ['a size past 2^53 - 1', { size: 9007199254740992 }],
    ['a null size', { size: null }],
    ['another field', { bytes: 12 }],
  ])('refuses %s', (_, extra) => {
    // The same record without the bad field is valid (above): the field is the only fault.
    expect(schemaProblem('proposal', proposal([file(extra)]))).toBeDefined();
  });
});

/**
 * The cache of stage-one verdicts: a load that uses it derives exactly what a full check derives,
 * a blob altered on disk is checked afresh, `steward verify` trusts no cached verdict, and a
 * damaged or foreign cache file is ignored.
 */
import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { found } from '../../electron/core/governance/found';
import { propose } from '../../electron/core/governance/propose';
import { vote } from '../../electron/core/governance/vote';
import { Ledger } from '../../electron/core/ledger/ledger';
import { git, steward, tempDir } from '../helpers/cli';
import { makeSigner } from '../helpers/memory-group';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const alice = makeSigner('Alice');
const cacheFile = (dir: string): string => join(dir, '.git', 'steward-check-cache.json');

const group = async () => {
  const dir = join(tempDir(), 'g');
  await found({ path: dir, name: 'G', founders: [], rules: {}, signer: alice, now: NOW });
  const ledger = await Ledger.open(dir);
  const ctx = { ledger, signer: alice, now: NOW };
  const p = await propose(ctx, { kind: 'resolution', title: 'Keep minutes', params: {} });
  await vote(ctx, { proposal: p.id, ballot: { choice: 'yes' } });
  return { dir, ledger, proposal: p.id };
};

describe('cached stage-one verdicts', () => {
  it('derive exactly what a full check derives, and are written once', async () => {
    const { dir } = await group();
    // Each load by a ledger opened afresh, as each command is: one ledger loading again takes on
    // from its own last load and never asks the cache.
    const first = await (await Ledger.open(dir)).load(NOW);
    const written = readFileSync(cacheFile(dir), 'utf8');
    expect(JSON.parse(written)).toMatchObject({ version: 3 });
    const cached = await (await Ledger.open(dir)).load(NOW);
    const fresh = await (await Ledger.open(dir)).load(NOW, { recheck: true });
    expect(cached.state).toEqual(first.state);
    expect(fresh.state).toEqual(first.state);
    expect(cached.checked.length).toBe(first.checked.length);
    expect(readFileSync(cacheFile(dir), 'utf8')).toBe(written);
  });

  it('check a blob altered on disk afresh, and verify checks every file', async () => {
    const { dir, ledger, proposal } = await group();
    await ledger.load(NOW);
    // Rewrite the proposal's loose object in place: same name, other bytes.
    const path = git(dir, 'ls-tree', '-r', '--name-only', 'HEAD')
      .split('\n')
      .find((p) => p.endsWith(`${proposal}/proposal.json`))!;
    const oid = git(dir, 'rev-parse', `HEAD:${path}`).trim();
    const object = join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
    const text = readFileSync(join(dir, path), 'utf8').replace('Keep minutes', 'Burn minutes');
    chmodSync(object, 0o644);
    writeFileSync(object, deflateSync(Buffer.from(`blob ${Buffer.byteLength(text)}\0${text}`)));

    const loaded = await (await Ledger.open(dir)).load(NOW);
    expect(loaded.state.proposals.map((p) => p.title)).not.toContain('Burn minutes');
    expect(loaded.state.quarantined.map((q) => q.path)).toContain(path);

    const verified = steward(['verify', '--repo', dir, '--json'], {
      STEWARD_NOW: NOW.toISOString(),
    });
    expect(JSON.stringify(verified.json)).toContain(path);
  });

  it.each([
    ['garbage', '{not json'],
    ['another version', JSON.stringify({ version: 99, verdicts: [['x', 'readme']] })],
    ['a wrong shape', JSON.stringify({ version: 3, verdicts: 'no' })],
  ])('ignore a cache file holding %s, and write a good one', async (_, content) => {
    const { dir, ledger } = await group();
    const expected = (await ledger.load(NOW, { recheck: true })).state;
    writeFileSync(cacheFile(dir), content);
    expect((await (await Ledger.open(dir)).load(NOW)).state).toEqual(expected);
    expect(JSON.parse(readFileSync(cacheFile(dir), 'utf8'))).toMatchObject({ version: 3 });
  });
});

/**
 * Files whose record gives no size, and the partial folder's housekeeping: a source's claimed
 * size is held to the free space of the store's disk, a dropped connection keeps nothing (a liar
 * cannot grow a partial for ever), and partials too old or of files no version lists are deleted
 * when a fetch starts.
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchVersion } from '../../electron/core/lfs/fetch';
import type { LfsSource } from '../../electron/core/lfs/types';
import { ModelStore } from '../../electron/core/models/store';
import { tempDir } from '../helpers/cli';
import { hostileLfs, type Behaviour, type HostileLfs } from '../helpers/hostile-lfs';
import { lfsVersion, type LfsVersion } from '../helpers/lfs-version';

const servers: HostileLfs[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

const serve = async (v: LfsVersion, b: Behaviour): Promise<LfsSource> => {
  const s = await hostileLfs(v.source, b);
  servers.push(s);
  return { kind: 'http', name: b, url: `${s.url}/info/lfs` };
};
const fetchInto = (store: ModelStore, v: LfsVersion, sources: LfsSource[], now = new Date()) =>
  fetchVersion({
    store,
    state: v.state,
    model: 'big',
    version: '1.0',
    sources,
    auth: () => ({}),
    now,
  });
const partials = (store: ModelStore): string[] => {
  const dir = dirname(store.partialPath('0'.repeat(64)));
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('a record without sizes', () => {
  const v = lfsVersion([3000, 5000], { sized: false });

  it("refuses a source claiming more than the disk's free space, and takes the next", async () => {
    const store = new ModelStore(tempDir('steward-lfs-unsized-'));
    const r = await fetchInto(store, v, [await serve(v, 'huge-size'), await serve(v, 'good')]);
    expect(r.fetched).toBe(2);
    expect(r.files.every((f) => f.source === 'good')).toBe(true);
    expect(r.refused).toHaveLength(2);
    for (const x of r.refused)
      expect(x.reason).toMatch(
        /^huge-size claims 4503599627370496 bytes, more than the store's disk has room for/,
      );
  });

  it('keeps nothing of a dropped connection, and says so', async () => {
    const store = new ModelStore(tempDir('steward-lfs-unsized-'));
    const r = await fetchInto(store, v, [await serve(v, 'drop')]);
    expect(r.fetched).toBe(0);
    for (const x of r.refused) expect(x.reason).toMatch(/nothing kept: the record gives no size/);
    expect(partials(store)).toEqual([]);
  });
});

describe('the partial folder when a fetch starts', () => {
  it('deletes partials a week old or of files no version lists, and keeps the rest', async () => {
    const v = lfsVersion([3000, 5000]);
    const store = new ModelStore(tempDir('steward-lfs-prune-'));
    const [fresh, old] = v.files;
    const stranger = 'f'.repeat(64);
    for (const oid of [fresh!.sha256, old!.sha256, stranger]) {
      mkdirSync(dirname(store.partialPath(oid)), { recursive: true });
      writeFileSync(store.partialPath(oid), 'x'.repeat(100));
    }
    const now = new Date();
    const eightDays = new Date(now.getTime() - 8 * 24 * 3600 * 1000);
    utimesSync(store.partialPath(old!.sha256), eightDays, eightDays);
    // No source: nothing is fetched, and only the housekeeping runs.
    const r = await fetchInto(store, v, [], now);
    expect(r.fetched).toBe(0);
    expect(partials(store)).toEqual([fresh!.sha256]);
  });
});

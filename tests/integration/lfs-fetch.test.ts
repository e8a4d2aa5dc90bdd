/**
 * `fetchVersion` against Git LFS servers over real HTTP: a good one, and hostile ones whose
 * copies are refused by name with nothing kept, the next source then tried; a connection dropped
 * half-way, resumed with a Range by the next fetch without a byte fetched twice; a stop half-way
 * that keeps the verified files and no partial.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DerivedState } from '../../shared/derive/state';
import { Ledger } from '../../electron/core/ledger/ledger';
import { fetchVersion } from '../../electron/core/lfs/fetch';
import type { LfsSource } from '../../electron/core/lfs/types';
import { ModelStore } from '../../electron/core/models/store';
import { checkRunnable } from '../../electron/core/models/runnable';
import { tempDir } from '../helpers/cli';
import { hostileLfs, type Behaviour, type HostileLfs } from '../helpers/hostile-lfs';
import { modelGroup, type ModelGroup } from '../helpers/model-group';

let g: ModelGroup;
let state: DerivedState;
let alice: ModelStore;
const servers: HostileLfs[] = [];

beforeAll(async () => {
  g = await modelGroup();
  state = (await (await Ledger.open(g.repo)).load(new Date())).state;
  alice = new ModelStore(join(g.home, 'models'));
}, 90_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const serve = async (behaviour: Behaviour): Promise<HostileLfs> => {
  const s = await hostileLfs(alice, behaviour);
  servers.push(s);
  return s;
};
const source = (s: HostileLfs, name: string = s.behaviour): LfsSource => ({
  kind: 'http',
  name,
  url: `${s.url}/info/lfs`,
});
const fresh = () => new ModelStore(tempDir('steward-lfs-b-'));
const fetchInto = (store: ModelStore, sources: LfsSource[], signal?: AbortSignal) =>
  fetchVersion({
    store,
    state,
    model: 'bert',
    version: '1.0',
    sources,
    auth: () => ({}),
    now: new Date('2026-06-02T00:00:00Z'),
    ...(signal ? { signal } : {}),
  });
const partials = (store: ModelStore): string[] => {
  const dir = join(store.root, 'blobs', 'partial');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const blobs = (store: ModelStore): string[] => {
  const dir = join(store.root, 'blobs', 'sha256');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('fetchVersion over Git LFS', () => {
  it('fetches every file from a good server, verified, and the version runs here', async () => {
    const store = fresh();
    const good = await serve('good');
    const r = await fetchInto(store, [source(good)]);
    expect(r.fetched).toBe(g.imported.bert.length);
    expect(r.refused).toEqual([]);
    expect(r.bytes).toBe(g.imported.bert.reduce((n, f) => n + f.size, 0));
    for (const f of r.files) {
      expect(f).toMatchObject({ status: 'fetched', source: 'good' });
      expect(sha(store.blobPath(f.sha256))).toBe(f.sha256);
    }
    expect(partials(store)).toEqual([]);
    expect((await checkRunnable(state, store, 'bert', '1.0')).runnable).toBe(true);
    const again = await fetchInto(store, [source(good)]);
    expect(again).toMatchObject({ fetched: 0, bytes: 0 });
    expect(again.files.every((f) => f.status === 'present')).toBe(true);
  });

  const hostile: [Behaviour, RegExp][] = [
    ['flip', /flip sent bytes whose SHA-256 is/],
    ['short', /short announced \d+ bytes where the file has \d+/],
    ['short-chunked', /short-chunked sent \d+ bytes where the file has \d+/],
    ['too-long', /too-long sent more than the \d+ bytes the file has/],
    ['wrong-size', /wrong-size answered a size of \d+ bytes where the file has \d+/],
    ['not-found', /not-found answered the download with HTTP 404/],
    ['garbage', /garbage answered the batch request with something that is not JSON/],
    ['scheme', /scheme answered a download link with file:, not http\(s\)/],
  ];

  it.each(hostile)(
    'refuses a %s copy by name and keeps nothing of it',
    async (behaviour, reason) => {
      const store = fresh();
      const r = await fetchInto(store, [source(await serve(behaviour))]);
      expect(r.fetched).toBe(0);
      expect(r.files.every((f) => f.status === 'missing' && f.source === null)).toBe(true);
      expect(r.refused).toHaveLength(g.imported.bert.length);
      for (const x of r.refused) {
        expect(x.source).toBe(behaviour);
        expect(x.reason).toMatch(reason);
      }
      expect(blobs(store)).toEqual([]);
      expect(partials(store)).toEqual([]);
      expect(existsSync(join(store.root, 'manifests'))).toBe(false);
    },
  );

  it('tries the next source after each refusal, and the last good one brings every file', async () => {
    const store = fresh();
    const sources = [];
    for (const [b] of hostile) sources.push(source(await serve(b)));
    sources.push(source(await serve('good')));
    const r = await fetchInto(store, sources);
    expect(r.fetched).toBe(g.imported.bert.length);
    expect(r.files.every((f) => f.source === 'good')).toBe(true);
    expect(new Set(r.refused.map((x) => x.source))).toEqual(new Set(hostile.map(([b]) => b)));
    expect(partials(store)).toEqual([]);
    expect((await checkRunnable(state, store, 'bert', '1.0')).runnable).toBe(true);
  });

  it('keeps what a dropped connection brought, and the next fetch asks only for the rest', async () => {
    const store = fresh();
    const server = await serve('drop');
    const first = await fetchInto(store, [source(server, 'peer')]);
    expect(first.fetched).toBe(0);
    for (const x of first.refused) expect(x.reason).toMatch(/peer .*dropped|peer could not/);
    // Half of each file is here, as a partial, and no blob.
    expect(blobs(store)).toEqual([]);
    const kept = new Map(
      partials(store).map((oid) => [oid, statSync(store.partialPath(oid)).size]),
    );
    expect(kept.size).toBe(g.imported.bert.length);
    for (const f of g.imported.bert) expect(kept.get(f.sha256)).toBe(Math.floor(f.size / 2));
    const firstSent = new Map(server.sent);

    server.behaviour = 'good';
    server.sent.clear();
    const second = await fetchInto(store, [source(server, 'peer')]);
    expect(second.fetched).toBe(g.imported.bert.length);
    const total = g.imported.bert.reduce((n, f) => n + f.size, 0);
    // No byte twice: what the second fetch moved is exactly what the first did not.
    expect(second.bytes).toBe(total - [...kept.values()].reduce((a, b) => a + b, 0));
    for (const f of g.imported.bert) {
      expect(server.ranges).toContain(`bytes=${Math.floor(f.size / 2)}-`);
      expect(server.sent.get(f.sha256)).toBe(f.size - Math.floor(f.size / 2));
      expect((firstSent.get(f.sha256) ?? 0) + server.sent.get(f.sha256)!).toBe(f.size);
      expect(sha(store.blobPath(f.sha256))).toBe(f.sha256);
    }
    expect(partials(store)).toEqual([]);
    expect((await checkRunnable(state, store, 'bert', '1.0')).runnable).toBe(true);
  });

  it('sets aside a partial a liar left, and the honest source after it is not refused', async () => {
    const store = fresh();
    const liar = await serve('flip-drop');
    const good = await serve('good');
    const r = await fetchInto(store, [source(liar, 'liar'), source(good, 'honest')]);
    expect(r.fetched).toBe(g.imported.bert.length);
    expect(r.files.every((f) => f.source === 'honest')).toBe(true);
    expect(r.refused.every((x) => x.source === 'liar')).toBe(true);
    for (const f of r.files) expect(sha(store.blobPath(f.sha256))).toBe(f.sha256);
    expect(partials(store)).toEqual([]);
  });

  it('stopped half-way, keeps the files already verified and no partial', async () => {
    const store = fresh();
    const server = await serve('hang');
    const order = state.models.find((m) => m.slug === 'bert')!.versions[0]!.files;
    const last = order[order.length - 1]!;
    server.hangOn = last.sha256;
    const stop = new AbortController();
    server.onHang = () => stop.abort();
    const error = await fetchInto(store, [source(server)], stop.signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'cancelled' });
    const kept = order.slice(0, -1).filter((f) => f.sha256 !== last.sha256);
    expect(blobs(store).sort()).toEqual([...new Set(kept.map((f) => f.sha256))].sort());
    for (const f of kept) expect(sha(store.blobPath(f.sha256))).toBe(f.sha256);
    expect(partials(store)).toEqual([]);
    expect(existsSync(join(store.root, 'manifests'))).toBe(false);
  });
});

/**
 * Two fetches of the same version into one store at once (the app's sync offer and a Fetch click,
 * the CLI and the app): one writer per file, so the blob that lands is intact, read back from
 * disk, and each fetch says truthfully whether it fetched a file or found it fetched. Another
 * process's lock file makes a fetch leave that file alone, by name.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchVersion } from '../../electron/core/lfs/fetch';
import { lockPath } from '../../electron/core/lfs/oid-lock';
import { ModelStore } from '../../electron/core/models/store';
import { tempDir } from '../helpers/cli';
import { hostileLfs, type HostileLfs } from '../helpers/hostile-lfs';
import { lfsVersion, type LfsVersion } from '../helpers/lfs-version';

let v: LfsVersion;
let server: HostileLfs;

beforeAll(async () => {
  // One file below the worker threshold, one above it: both ways of writing a partial.
  v = lfsVersion([4 * 1024 * 1024, 20 * 1024 * 1024]);
  server = await hostileLfs(v.source, 'good');
});
afterAll(() => server.close());

const fetchInto = (store: ModelStore) =>
  fetchVersion({
    store,
    state: v.state,
    model: 'big',
    version: '1.0',
    sources: [{ kind: 'http', name: 'peer', url: `${server.url}/info/lfs` }],
    auth: () => ({}),
    now: new Date('2026-06-02T00:00:00Z'),
  });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('two fetches of one version into one store', () => {
  it('land each blob once, intact, and both say what they did', async () => {
    const root = tempDir('steward-lfs-two-');
    // Two store objects on one folder, as the app and the CLI would have.
    const [a, b] = await Promise.all([
      fetchInto(new ModelStore(root)),
      fetchInto(new ModelStore(root)),
    ]);
    const store = new ModelStore(root);
    for (const f of v.files) expect(sha(store.blobPath(f.sha256))).toBe(f.sha256);
    expect(a.refused).toEqual([]);
    expect(b.refused).toEqual([]);
    for (const f of v.files) {
      const statuses = [a, b].map((r) => r.files.find((x) => x.sha256 === f.sha256)!.status);
      // Fetched by one, found here by the other: never two writers, never "fetched" twice.
      expect(statuses.sort()).toEqual(['fetched', 'present']);
    }
    expect(a.fetched + b.fetched).toBe(v.files.length);
    expect(readdirSync(dirname(store.partialPath(v.files[0]!.sha256)))).toEqual([]);
  });

  it('leaves a file another living process is fetching, by name, and fetches the rest', async () => {
    const store = new ModelStore(tempDir('steward-lfs-busy-'));
    const [held, free] = v.files;
    // A living process (this test's child) holds the first file's lock.
    const child = spawn('sleep', ['60']);
    try {
      mkdirSync(dirname(lockPath(store, held!.sha256)), { recursive: true });
      writeFileSync(lockPath(store, held!.sha256), String(child.pid));
      const r = await fetchVersion({
        store,
        state: v.state,
        model: 'big',
        version: '1.0',
        sources: [{ kind: 'http', name: 'peer', url: `${server.url}/info/lfs` }],
        auth: () => ({}),
        now: new Date(),
      });
      expect(r.files.find((f) => f.sha256 === held!.sha256)!.status).toBe('missing');
      expect(r.refused.map((x) => x.reason)).toEqual([
        'peer was not asked: another process on this computer is fetching this file',
      ]);
      expect(sha(store.blobPath(free!.sha256))).toBe(free!.sha256);
      expect(existsSync(store.blobPath(held!.sha256))).toBe(false);
      // Its lock is still that process's.
      expect(readFileSync(lockPath(store, held!.sha256), 'utf8')).toBe(String(child.pid));
    } finally {
      child.kill();
    }
  }, 30_000);

  it('takes over the lock file of a process that is gone, and fetches the file', async () => {
    const store = new ModelStore(tempDir('steward-lfs-stale-'));
    const oid = v.files[0]!.sha256;
    const child = spawn('true');
    await new Promise((ok) => child.on('exit', ok));
    mkdirSync(dirname(lockPath(store, oid)), { recursive: true });
    writeFileSync(lockPath(store, oid), String(child.pid));
    const r = await fetchInto(store);
    expect(r.fetched).toBe(v.files.length);
    expect(sha(store.blobPath(oid))).toBe(oid);
    expect(existsSync(lockPath(store, oid))).toBe(false);
  });

  it('records the version whole when several fetches finish at once', async () => {
    const root = tempDir('steward-lfs-adopt-');
    const store = new ModelStore(root);
    await fetchInto(store);
    const stored = v.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size }));
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        new ModelStore(root).adopt('big', `2.${i % 2}`, stored, 'lfs: peer', new Date()),
      ),
    );
    const listed = await store.list();
    expect(listed.filter((m) => m.model === 'big').map((m) => m.version)).toEqual([
      '1.0',
      '2.0',
      '2.1',
    ]);
  });
});

/**
 * Two peers and `steward serve`: B clones the group from A's server, fetches the approved version
 * from A (no --from: the remote it cloned from) and runs it; a member pushes a version to a peer
 * that lacks it and a non-member is refused; A's server stopped half-way through a large file and
 * started again: B's next fetch resumes where the bytes stopped, none fetched twice, nothing
 * unverified kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { fetchVersion } from '../../electron/core/lfs/fetch';
import { sourcesFor } from '../../electron/core/lfs/sources';
import { ModelStore } from '../../electron/core/models/store';
import { steward } from '../helpers/cli';
import { modelGroup, type ModelGroup, type StoredFile } from '../helpers/model-group';
import { firstJsonLine, startSteward, type Started } from '../helpers/steward-process';

let g: ModelGroup;
const running: Started[] = [];
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** `steward serve` of the group's repo, with the models of `home`'s store. */
const serve = async (home: string, port = 0): Promise<{ url: string; started: Started }> => {
  const started = startSteward(['serve', '--json', '--port', String(port), '--repo', g.repo], {
    STEWARD_HOME: home,
  });
  running.push(started);
  return { url: (await firstJsonLine<{ url: string }>(started, 'serve')).url, started };
};
const stop = async (s: Started) => {
  s.child.kill('SIGKILL');
  await s.done;
};
const person = (name: string) => {
  const home = join(g.root, name);
  const repo = join(g.root, `${name}-repo`);
  const env = {
    STEWARD_HOME: home,
    STEWARD_PASSPHRASE: 'correct horse battery',
    STEWARD_NOW: '2026-06-02T00:00:00Z',
  };
  const run = (...args: string[]) => steward([...args, '--repo', repo, '--json'], env);
  expect(run('identity', 'create', '--name', name).status).toBe(0);
  return { home, repo, run };
};

let a: { url: string; started: Started };
let big: StoredFile;

beforeAll(async () => {
  g = await modelGroup();
  // A version with a large file, so that a server can be stopped in the middle of it.
  const dir = join(g.root, 'big');
  cpSync(g.bertDir, dir, { recursive: true });
  writeFileSync(join(dir, 'onnx', 'extra.bin'), randomBytes(96 * 1024 * 1024));
  const imported = g.ok<{ files: StoredFile[]; proposal: { id: string } }>(
    ...['model', 'import', dir, '--model', 'big', '--version', '1', '--propose'],
    ...['--name', 'Big', '--license', 'MIT', '--owner', 'Alice=100'],
  );
  g.ok('vote', imported.proposal.id, 'yes');
  g.ok('close', imported.proposal.id);
  big = imported.files.find((f) => f.path === 'onnx/extra.bin')!;
  a = await serve(g.home);
}, 120_000);

afterAll(async () => {
  for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await Promise.all(running.map((s) => s.done));
});

describe("model fetch from a peer's steward serve", () => {
  it('B clones from A, fetches the approved version from A by itself, and runs it', () => {
    const b = person('bob');
    expect(b.run('clone', a.url, b.repo).status).toBe(0);
    const r = b.run('model', 'fetch', 'bert@1.0');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const out = r.json as { fetched: number; files: { source: string; status: string }[] };
    expect(out.fetched).toBe(g.imported.bert.length);
    expect(out.files.every((f) => f.source === 'origin' && f.status === 'fetched')).toBe(true);
    const run = b.run('model', 'run', 'bert', '--task', 'feature-extraction', '--input', 'hello');
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('a member pushes a version to a peer that lacks it; a non-member is refused', async () => {
    const c = person('carol');
    const empty = await serve(c.home);
    const pushed = g.ok<{ uploaded: number; files: { status: string }[] }>(
      ...['model', 'push', 'gpt@1.0', empty.url],
    );
    expect(pushed.uploaded).toBe(g.imported.gpt.length);
    const store = new ModelStore(join(c.home, 'models'));
    for (const f of g.imported.gpt) expect(sha(store.blobPath(f.sha256))).toBe(f.sha256);
    const again = g.ok<{ uploaded: number }>('model', 'push', 'gpt@1.0', empty.url);
    expect(again.uploaded).toBe(0);
    // Carol, no member, holds bert's files (fetched from A) and tries to push them.
    expect(c.run('clone', a.url, c.repo).status).toBe(0);
    expect(c.run('model', 'fetch', 'bert@1.0').status).toBe(0);
    const refused = c.run('model', 'push', 'bert@1.0', empty.url);
    expect(refused.status).not.toBe(0);
    expect((refused.json as { error: { code: string } }).error.code).toBe('push-rejected');
  });

  it("resumes after A's server stopped half-way: no byte twice, nothing unverified kept", async () => {
    const d = person('dave');
    expect(d.run('clone', a.url, d.repo).status).toBe(0);
    const store = new ModelStore(join(d.home, 'models'));
    const ledger = await Ledger.open(d.repo);
    const fetchBig = async (onBytes?: () => void) =>
      fetchVersion({
        store,
        state: (await ledger.load(new Date())).state,
        model: 'big',
        version: '1',
        sources: await sourcesFor(ledger.repo),
        auth: () => ({}),
        now: new Date(),
        ...(onBytes && { onProgress: (p) => p.path === big.path && p.bytes > 0 && onBytes() }),
      });
    let killed: Promise<void> | undefined;
    const first = await fetchBig(() => {
      killed ??= stop(a.started);
    });
    await killed;
    // The stopped file, and those after it (the server is gone); those before it were verified.
    const missing = first.files.filter((f) => f.status === 'missing');
    expect(missing.map((f) => f.path)).toContain(big.path);
    expect(first.files.filter((f) => f.status === 'fetched').length).toBeGreaterThan(0);
    expect(new Set(first.refused.map((x) => x.source))).toEqual(new Set(['origin']));
    expect(existsSync(store.blobPath(big.sha256))).toBe(false);
    const kept = statSync(store.partialPath(big.sha256)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(big.size);

    a = await serve(g.home, Number(new URL(a.url).port));
    const second = await fetchBig();
    expect(second.files.find((f) => f.path === big.path)).toMatchObject({
      status: 'fetched',
      source: 'origin',
    });
    expect(second.fetched).toBe(missing.length);
    expect(second.bytes).toBe(missing.reduce((n, f) => n + f.size!, 0) - kept);
    expect(sha(store.blobPath(big.sha256))).toBe(big.sha256);
    expect(readdirSync(join(store.root, 'blobs', 'partial'))).toEqual([]);
    const run = d.run('model', 'verify', 'big@1');
    expect(run.status, run.stdout).toBe(0);
  });
});

/**
 * Model files by folder, through the command line: `model export` writes Git LFS's layout, a
 * second member's `model fetch --from DIR` brings them (verified) and `model run` accepts them;
 * `bundle create --with-models` puts them beside the bundle; a repo's `.git/lfs/objects` is read
 * too; a file no source holds is named with every source that was asked; Ctrl-C keeps the
 * verified files and no partial.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStore } from '../../electron/core/models/store';
import { steward, tempDir } from '../helpers/cli';
import { hostileLfs, type HostileLfs } from '../helpers/hostile-lfs';
import { modelGroup, type ModelGroup } from '../helpers/model-group';
import { startSteward } from '../helpers/steward-process';

type Fetched = {
  model: string;
  version: string;
  files: { path: string; sha256: string; size: number; source: string; status: string }[];
  fetched: number;
  bytes: number;
  refused: { source: string; path: string; reason: string }[];
};

let g: ModelGroup;
let bobHome: string;
const bob = (...args: string[]) =>
  steward([...args, '--repo', g.repo, '--json'], {
    STEWARD_HOME: bobHome,
    STEWARD_PASSPHRASE: 'correct horse battery',
    STEWARD_NOW: '2026-06-02T00:00:00Z',
  });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const objectAt = (dir: string, oid: string) =>
  join(dir, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
let server: HostileLfs | undefined;

beforeAll(async () => {
  g = await modelGroup();
  bobHome = join(g.root, 'bob');
  expect(bob('identity', 'create', '--name', 'Bob').status).toBe(0);
}, 90_000);

afterAll(async () => {
  await server?.close();
});

describe('model export and fetch --from a folder', () => {
  const stick = () => join(g.root, 'stick');

  it("exports a version in Git LFS's layout, every object under its hash", () => {
    const out = g.ok<{ dir: string; files: { sha256: string; size: number }[]; bytes: number }>(
      'model',
      'export',
      'bert@1.0',
      stick(),
    );
    expect(out.dir).toBe(stick());
    expect(out.files).toHaveLength(g.imported.bert.length);
    expect(out.bytes).toBe(g.imported.bert.reduce((n, f) => n + f.size, 0));
    for (const f of g.imported.bert) expect(sha(objectAt(stick(), f.sha256))).toBe(f.sha256);
    // Again: nothing to write.
    expect(g.ok<{ bytes: number }>('model', 'export', 'bert@1.0', stick()).bytes).toBe(0);
  });

  it('fetches from the folder into another home, answers the agreed JSON, and the model runs', () => {
    const r = bob('model', 'fetch', 'bert@1.0', '--from', stick());
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const out = r.json as Fetched;
    expect(Object.keys(out).sort()).toEqual(
      ['bytes', 'fetched', 'files', 'model', 'refused', 'version'].sort(),
    );
    expect(out).toMatchObject({ model: 'bert', version: '1.0', fetched: g.imported.bert.length });
    for (const f of out.files) {
      expect(Object.keys(f).sort()).toEqual(['path', 'sha256', 'size', 'source', 'status']);
      expect(f).toMatchObject({ source: stick(), status: 'fetched' });
      expect(f.size).toBe(g.imported.bert.find((i) => i.path === f.path)!.size);
    }
    const run = bob('model', 'run', 'bert', '--task', 'feature-extraction', '--input', 'hello');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const again = bob('model', 'fetch', 'bert@1.0', '--from', stick()).json as Fetched;
    expect(again).toMatchObject({ fetched: 0, bytes: 0 });
  });

  it('names a file no source holds, with every source asked, and exits non-zero', () => {
    const r = bob('model', 'fetch', 'gpt@1.0', '--from', stick());
    expect(r.status).toBe(1);
    const out = r.json as Fetched;
    expect(out.files.every((f) => f.status === 'missing')).toBe(true);
    expect(out.refused.map((x) => x.path).sort()).toEqual(g.imported.gpt.map((f) => f.path).sort());
    expect(out.refused.every((x) => x.source === stick() && /has no copy/.test(x.reason))).toBe(
      true,
    );
    const human = steward(['model', 'fetch', 'gpt@1.0', '--from', stick(), '--repo', g.repo], {
      STEWARD_HOME: bobHome,
    });
    expect(human.status).toBe(1);
    expect(human.stdout).toMatch(/still missing/);
    expect(human.stdout).toContain(`refused: onnx/model.onnx: ${stick()} has no copy`);
  });

  it("bundle create --with-models writes every version held here beside the bundle; a repo's .git/lfs/objects is read", () => {
    const usb = tempDir('steward-usb-');
    const out = g.ok<{ models: { exported: { model: string }[]; skipped: string[] } }>(
      'bundle',
      'create',
      join(usb, 'group.bundle'),
      '--with-models',
    );
    expect(out.models.exported.map((m) => m.model).sort()).toEqual(['bert', 'gpt']);
    for (const f of [...g.imported.bert, ...g.imported.gpt])
      expect(sha(objectAt(usb, f.sha256))).toBe(f.sha256);
    // The same objects in a repo's own .git/lfs/objects, as `git lfs` keeps them.
    const repo = tempDir('steward-lfs-repo-');
    cpSync(join(usb, 'lfs'), join(repo, '.git', 'lfs'), { recursive: true });
    const r = bob('model', 'fetch', 'gpt@1.0', '--from', repo);
    expect(r.status, r.stdout).toBe(0);
    expect((r.json as Fetched).fetched).toBe(g.imported.gpt.length);
  });

  it('Ctrl-C stops a fetch: verified files kept, no partial, a message and exit 130', async () => {
    const store = new ModelStore(join(g.home, 'models'));
    server = await hostileLfs(store, 'hang');
    const carolHome = join(g.root, 'carol');
    const files = g.imported.gpt.map((f) => f.path);
    const last = g.imported.gpt.find((f) => f.path === files.sort()[files.length - 1])!;
    server.hangOn = last.sha256;
    const started = startSteward(
      ['model', 'fetch', 'gpt@1.0', '--from', server.url, '--repo', g.repo],
      { STEWARD_HOME: carolHome },
    );
    server.onHang = () => started.child.kill('SIGINT');
    const done = await started.done;
    expect(done.status).toBe(130);
    expect(done.stderr).toMatch(/stopped: \d+ verified file\(s\) kept, nothing partial/);
    const carol = new ModelStore(join(carolHome, 'models'));
    expect(existsSync(carol.partialPath(last.sha256))).toBe(false);
    const kept = readdirSync(join(carol.root, 'blobs', 'sha256'));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).not.toContain(last.sha256);
    for (const oid of kept) expect(sha(carol.blobPath(oid))).toBe(oid);
    expect(existsSync(join(carol.root, 'blobs', 'partial'))).toBe(true);
    expect(readdirSync(join(carol.root, 'blobs', 'partial'))).toEqual([]);
  });
});

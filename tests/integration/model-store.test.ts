/**
 * The local model store through the command line: import hashes as sha256sum does and keeps each
 * file once, verify re-hashes against the group's record and names every difference, remove
 * frees what nothing else uses, and bad input is refused clearly.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelStore } from '../../electron/core/models/store';
import { CLI, steward, tempDir } from '../helpers/cli';

type Manifest = {
  model: string;
  version: string;
  files: { path: string; sha256: string; size: number }[];
};
type Verification = {
  ok: boolean;
  mismatched: { path: string; expected: string; actual: string }[];
  missing: string[];
  extra: string[];
};

const NOW = '2026-03-01T00:00:00.000Z';

describe('steward model', () => {
  const root = tempDir();
  const home = join(root, 'home');
  const repo = join(root, 'group');
  const env = { STEWARD_HOME: home, STEWARD_PASSPHRASE: 'correct horse battery', STEWARD_NOW: NOW };
  const run = (...args: string[]) => steward([...args, '--json'], env, repo);
  const ok = <T>(...args: string[]): T => {
    const r = run(...args);
    if (r.status !== 0) throw new Error(`steward ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    return r.json as T;
  };
  const fails = (...args: string[]) => {
    const r = run(...args);
    expect(r.status, `${args.join(' ')} should fail`).not.toBe(0);
    return (r.json as { error: { code: string; message: string } }).error;
  };

  /** A model folder in the Hugging Face layout, with weights of `size` random bytes. */
  const folder = (name: string, size: number, extra = false): string => {
    const dir = join(root, name);
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{"model_type":"bert","hidden_size":8}\n');
    writeFileSync(join(dir, 'tokenizer.json'), '{"version":"1.0","model":{"type":"WordPiece"}}\n');
    writeFileSync(join(dir, 'onnx', 'model.onnx'), randomBytes(size));
    if (extra) writeFileSync(join(dir, 'onnx', 'model.onnx_data'), 'external weights\n');
    writeFileSync(join(dir, 'README.md'), 'not part of the model\n');
    return dir;
  };
  const blobs = (): string[] => readdirSync(join(home, 'models', 'blobs', 'sha256'));
  const sha256sum = (file: string): string =>
    execFileSync('sha256sum', [file], { encoding: 'utf8' }).slice(0, 64);

  let tiny: string;
  let imported: Manifest;

  beforeAll(() => {
    mkdirSync(repo, { recursive: true });
    ok('identity', 'create', '--name', 'Alice');
    ok('init', repo, '--name', 'G', '--voting-period', '1h');
    tiny = folder('tiny', 3_000_000);
    imported = ok<Manifest>('model', 'import', tiny, '--model', 'tiny', '--version', '1.0');
    const files = imported.files.flatMap((f) => ['--file', `${f.path}=${f.sha256}`]);
    const p = ok<{ id: string }>(
      'propose',
      'register-model',
      '--title',
      'Tiny',
      '--model',
      'tiny',
      '--name',
      'Tiny',
      '--license',
      'MIT',
      '--owner',
      'Alice=100',
      '--version',
      '1.0',
      ...files,
    );
    ok('vote', p.id, 'yes');
    ok('close', p.id);
  }, 60_000);

  it('imports the configuration, tokenizer and onnx/ files, hashed as sha256sum hashes them', () => {
    expect(imported.files.map((f) => f.path)).toEqual([
      'config.json',
      'onnx/model.onnx',
      'tokenizer.json',
    ]);
    for (const f of imported.files) expect(f.sha256).toBe(sha256sum(join(tiny, f.path)));
    expect(imported.files.find((f) => f.path === 'onnx/model.onnx')!.size).toBe(3_000_000);
    expect(blobs().sort()).toEqual(imported.files.map((f) => f.sha256).sort());
  });

  it('keeps each file once, whatever number of versions hold it, and reports progress to the end', async () => {
    const before = blobs().length;
    ok('model', 'import', tiny, '--model', 'tiny', '--version', '1.0-copy');
    expect(blobs().length).toBe(before);
    const seen: number[] = [];
    const store = new ModelStore(join(root, 'other-store'));
    await store.import(tiny, {
      now: new Date(NOW),
      onProgress: (p) => seen.push(p.bytes / p.total),
    });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    ok('model', 'remove', 'tiny@1.0-copy');
  });

  it('stops an import when asked, keeping no file of it but those another version holds', async () => {
    const store = new ModelStore(join(home, 'models'));
    // The config and tokenizer are the very bytes tiny@1.0 holds; the weights are new and big.
    const big = folder('big', 40_000_000);
    for (const name of ['config.json', 'tokenizer.json'])
      writeFileSync(join(big, name), readFileSync(join(tiny, name)));
    const before = blobs().sort();
    const controller = new AbortController();
    let last = 0;
    const stopped = store.import(big, {
      model: 'big',
      version: '1',
      now: new Date(NOW),
      signal: controller.signal,
      onProgress: (p) => {
        last = p.bytes;
        // Partway through the weights.
        if (p.file === 'onnx/model.onnx' && p.bytes > 5_000_000) controller.abort();
      },
    });
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled' });
    expect(last).toBeLessThan(40_000_000);
    expect(blobs().sort()).toEqual(before);
    expect(readdirSync(join(home, 'models', 'blobs', 'tmp'))).toEqual([]);
    expect(ok<Manifest[]>('model', 'list').map((m) => `${m.model}@${m.version}`)).not.toContain(
      'big@1',
    );
    expect(ok<Verification>('model', 'verify', 'tiny@1.0').ok).toBe(true);
    // A signal fired before the start stops it before the first byte.
    await expect(
      store.import(big, { now: new Date(NOW), signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(blobs().sort()).toEqual(before);
  });

  it('keeps, when one import is stopped, the blobs another import under way holds', async () => {
    const store = new ModelStore(join(root, 'shared-store'));
    // Two models with one file in common, the config; the weights differ and take a while.
    const a = folder('share-a', 60_000_000);
    const b = folder('share-b', 60_000_000);
    writeFileSync(join(a, 'config.json'), '{"shared":true}\n');
    writeFileSync(join(b, 'config.json'), '{"shared":true}\n');
    const stopA = new AbortController();
    let aAtWeights!: () => void;
    const aThere = new Promise<void>((r) => (aAtWeights = r));
    let bAtWeights!: () => void;
    const bThere = new Promise<void>((r) => (bAtWeights = r));
    const first = store.import(a, {
      model: 'share-a',
      now: new Date(NOW),
      signal: stopA.signal,
      onProgress: (p) => p.file.startsWith('onnx') && aAtWeights(),
    });
    await aThere;
    // A stored the config first; B finds it there.
    const second = store.import(b, {
      model: 'share-b',
      now: new Date(NOW),
      onProgress: (p) => p.file.startsWith('onnx') && bAtWeights(),
    });
    await bThere;
    stopA.abort();
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    const kept = await second;
    for (const f of kept.files) expect(existsSync(store.blobPath(f.sha256)), f.path).toBe(true);
    expect((await store.list()).map((m) => m.model)).toEqual(['share-b']);
  });

  it('stops an import at the first Ctrl-C, with exit 130 and nothing kept', async () => {
    const big = folder('bigger', 300_000_000);
    const before = blobs().sort();
    const child = spawn(process.execPath, [CLI, 'model', 'import', big, '--model', 'bigger'], {
      cwd: repo,
      env: { ...process.env, ...env },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const tmp = join(home, 'models', 'blobs', 'tmp');
    // Once the weights are being copied, Ctrl-C.
    const timer = setInterval(() => {
      if (readdirSync(tmp).length > 0 && !child.killed) child.kill('SIGINT');
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    expect(code, err).toBe(130);
    expect(err).toMatch(/stopped; nothing kept/);
    expect(blobs().sort()).toEqual(before);
    expect(readdirSync(tmp)).toEqual([]);
    expect(ok<Manifest[]>('model', 'list').map((m) => m.model)).not.toContain('bigger');
  }, 60_000);

  it('verifies against the record, and names a changed, a missing and an extra file', () => {
    expect(ok<Verification>('model', 'verify', 'tiny@1.0')).toMatchObject({ ok: true });

    const weights = imported.files.find((f) => f.path === 'onnx/model.onnx')!;
    const blob = join(home, 'models', 'blobs', 'sha256', weights.sha256);
    execFileSync('dd', ['of=' + blob, 'bs=1', 'seek=1000', 'conv=notrunc'], {
      input: 'X',
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const changed = run('model', 'verify', 'tiny@1.0');
    expect(changed.status).toBe(1);
    const v = changed.json as Verification;
    expect(v.ok).toBe(false);
    expect(v.mismatched).toEqual([
      { path: 'onnx/model.onnx', expected: weights.sha256, actual: sha256sum(blob) },
    ]);

    rmSync(blob);
    expect((run('model', 'verify', 'tiny@1.0').json as Verification).missing).toEqual([
      'onnx/model.onnx',
    ]);

    // The same version imported again from a folder with one more file than the record names.
    const more = folder('tiny-more', 3_000, true);
    ok('model', 'import', more, '--model', 'tiny', '--version', '1.0');
    const extra = run('model', 'verify', 'tiny@1.0').json as Verification;
    expect(extra.extra).toEqual(['onnx/model.onnx_data']);
    expect(extra.mismatched.map((m) => m.path)).toEqual(['onnx/model.onnx']);
  });

  it('opens the proposal that records an import: register-model for a new model, add-version after', () => {
    type Imported = Manifest & { proposal: { id: string; kind: string } };
    const fresh = ok<Imported>(
      'model',
      'import',
      folder('fresh', 500),
      '--model',
      'fresh',
      '--version',
      '1',
      '--propose',
      '--name',
      'Fresh',
      '--license',
      'Apache-2.0',
      '--owner',
      'Alice=10',
    );
    expect(fresh.proposal.kind).toBe('register-model');
    const shown = ok<{
      params: { model: string; files: { path: string; sha256: string; size: number }[] };
    }>('show', fresh.proposal.id);
    expect(shown.params.model).toBe('fresh');
    // Each file with its size: the files are here, and a peer fetching them needs it.
    expect(shown.params.files).toEqual(
      fresh.files.map(({ path, sha256, size }) => ({ path, sha256, size })),
    );

    const next = ok<Imported>(
      'model',
      'import',
      folder('tiny-2', 400),
      '--model',
      'tiny',
      '--version',
      '2.0',
      '--propose',
    );
    expect(next.proposal.kind).toBe('add-version');
    expect(
      fails('model', 'import', folder('nameless', 300), '--model', 'nameless', '--propose'),
    ).toMatchObject({
      code: 'invalid-argument',
    });
  });

  it('refuses to verify what the group never registered', () => {
    ok('model', 'import', folder('other', 100), '--model', 'other', '--version', '2');
    expect(fails('model', 'verify', 'other@2')).toMatchObject({ code: 'not-found' });
    expect(fails('model', 'verify', 'absent@1')).toMatchObject({ code: 'not-found' });
  });

  it('removes a version and frees only the files nothing else uses', () => {
    const shared = folder('shared', 1_000);
    const a = ok<Manifest>('model', 'import', shared, '--model', 'pair', '--version', 'a');
    ok('model', 'import', shared, '--model', 'pair', '--version', 'b');
    const removed = ok<{ removed: string[]; freed: number }>('model', 'remove', 'pair@a');
    expect(removed).toEqual({ removed: ['pair@a'], freed: 0 });
    expect(blobs()).toEqual(expect.arrayContaining(a.files.map((f) => f.sha256)));
    const all = ok<{ removed: string[]; freed: number }>('model', 'remove', 'pair');
    expect(all.removed).toEqual(['pair@b']);
    // Its weights go; its configuration and tokenizer are the same files other models hold.
    expect(all.freed).toBe(1_000);
    expect(ok<Manifest[]>('model', 'list').map((m) => m.model)).not.toContain('pair');
    expect(fails('model', 'remove', 'pair')).toMatchObject({ code: 'not-found' });
  });

  it.each([
    ['a folder that does not exist', () => join(root, 'nowhere'), 'not-found'],
    ['a file instead of a folder', () => join(root, 'tiny', 'config.json'), 'invalid-argument'],
    [
      'a folder without onnx/',
      () => {
        const dir = join(root, 'no-onnx');
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'config.json'), '{}');
        return dir;
      },
      'invalid-argument',
    ],
  ])('refuses to import %s', (_, dir, code) => {
    expect(fails('model', 'import', dir())).toMatchObject({ code });
  });

  it.each([['Bad Slug'], ['tiny@bad version'], ['@1']])('refuses the model name %j', (ref) => {
    expect(fails('model', 'verify', ref)).toMatchObject({ code: 'invalid-argument' });
  });
});

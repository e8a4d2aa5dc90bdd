/**
 * A model version is runnable only if the group registered it, it is imported, its files match
 * the record, and (where the charter asks) an approve-use of it has passed: each refusal names
 * its reason.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { checkRunnable, requireRunnable } from '../../electron/core/models/runnable';
import { ModelStore } from '../../electron/core/models/store';
import { steward, tempDir } from '../helpers/cli';

type Manifest = { files: { path: string; sha256: string }[] };

describe('a runnable model', () => {
  it('is registered, imported, unchanged, and approved where the charter asks', async () => {
    const root = tempDir();
    const home = join(root, 'home');
    const repo = join(root, 'group');
    let hour = 0;
    const run = (...args: string[]) => {
      const now = new Date(Date.UTC(2026, 2, 1, hour++)).toISOString();
      const r = steward(
        [...args, '--json'],
        { STEWARD_HOME: home, STEWARD_PASSPHRASE: 'correct horse battery', STEWARD_NOW: now },
        repo,
      );
      if (r.status !== 0) throw new Error(`steward ${args.join(' ')}: ${r.stdout}${r.stderr}`);
      return r.json as Record<string, unknown>;
    };
    const pass = (...args: string[]) => {
      const { id } = run('propose', ...args) as { id: string };
      run('vote', id, 'yes');
      run('close', id);
    };
    mkdirSync(repo, { recursive: true });
    run('identity', 'create', '--name', 'Alice');
    run('init', repo, '--name', 'G', '--voting-period', '1h');
    const dir = join(root, 'tiny');
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{}\n');
    writeFileSync(join(dir, 'onnx', 'model.onnx'), randomBytes(10_000));

    const store = new ModelStore(join(home, 'models'));
    const state = async () =>
      (await (await Ledger.open(repo)).load(new Date(Date.UTC(2026, 2, 2)))).state;
    const reason = async () => {
      const r = await checkRunnable(await state(), store, 'tiny', '1.0');
      return r.runnable ? 'runnable' : r.reason;
    };

    expect(await reason()).toBe('not-registered');
    const manifest = run('model', 'import', dir, '--model', 'tiny', '--version', '1.0') as Manifest;
    expect(await reason()).toBe('not-registered');
    const files = manifest.files.flatMap((f) => ['--file', `${f.path}=${f.sha256}`]);
    pass(
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
    expect(await reason()).toBe('runnable');

    pass('amend-charter', '--title', 'Approve first', '--set', 'requireApproval=true');
    expect(await reason()).toBe('not-approved');
    await expect(requireRunnable(await state(), store, 'tiny', '1.0')).rejects.toMatchObject({
      code: 'not-runnable',
      data: { reason: 'not-approved' },
    });
    pass(
      'approve-use',
      '--title',
      'Use tiny',
      '--model',
      'tiny',
      '--version',
      '1.0',
      '--purpose',
      'tests',
    );
    expect(await reason()).toBe('runnable');

    // One byte changed on disk: the version no longer runs, whatever the group approved.
    const weights = manifest.files.find((f) => f.path === 'onnx/model.onnx')!;
    writeFileSync(store.blobPath(weights.sha256), randomBytes(10_000));
    expect(await reason()).toBe('files-differ');

    await store.remove('tiny');
    expect(await reason()).toBe('not-imported');
    run('model', 'import', dir, '--model', 'tiny', '--version', '1.0');
    expect(await reason()).toBe('runnable');
    pass('retire-model', '--title', 'Retire tiny', '--model', 'tiny');
    expect(await reason()).toBe('retired');
  }, 120_000);
});

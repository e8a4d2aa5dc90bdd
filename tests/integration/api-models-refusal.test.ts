/**
 * The models channels over `steward serve`: a version that may not run is refused with its reason
 * as a 4xx, never a 500; a folder the import cannot use is named in the refusal; and the host's
 * own client is told what it has imported (files, hashes, task), registered or not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalModelStatus } from '../../shared/api-types';
import { ApiClient, UiGroup } from '../helpers/ui-group';

const fileArgs = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .flatMap((file) => [
      '--file',
      `${relative(dir, file).split(sep).join('/')}=${createHash('sha256').update(readFileSync(file)).digest('hex')}`,
    ]);

const writeModel = (dir: string): void => {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ architectures: ['GPT2LMHeadModel'] }));
  writeFileSync(join(dir, 'onnx', 'model.onnx'), randomBytes(4096));
};

describe('the models channels of steward serve', () => {
  const g = new UiGroup();
  const dir = join(g.root, 'tiny');
  let host: ApiClient;

  const pass = (...args: string[]): void => {
    const { alice: a, bob: b } = g.people;
    const { id } = a.json<{ id: string }>(g.next(), 'propose', ...args);
    a.json(g.next(), 'vote', id, 'yes');
    b.json(g.next(), 'vote', id, 'yes');
    a.json(g.next(), 'close', id);
  };

  beforeAll(async () => {
    await g.start();
    writeModel(dir);
    pass(
      'register-model',
      '--title',
      'Register Tiny',
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
      ...fileArgs(dir),
    );
    pass('amend-charter', '--title', 'Approve first', '--set', 'requireApproval=true');
    host = await new ApiClient(g.url).asHost(g.hostUrl);
  }, 120_000);
  afterAll(() => g.close());

  it('refuses to run a version not approved for use, with the reason, as a 4xx', async () => {
    await host.ok('models:import', { runId: 'import-1', dir, model: 'tiny', version: '1.0' });
    const { models } = await host.ok<{ models: LocalModelStatus[] }>('models:local');
    expect(models.find((m) => m.version === '1.0')).toMatchObject({ status: 'not-approved' });
    for (const [channel, arg] of [
      [
        'models:run',
        { runId: 'run-1', model: 'tiny', version: '1.0', task: 'text-generation', input: 'hi' },
      ],
      [
        'models:eval',
        {
          runId: 'eval-1',
          model: 'tiny',
          version: '1.0',
          task: 'text-generation',
          dataset: '{"input":"hi","expected":"there"}\n',
          datasetName: 'one.jsonl',
        },
      ],
    ] as const) {
      const refused = await host.call(channel, arg);
      expect(refused.status, channel).toBeGreaterThanOrEqual(400);
      expect(refused.status, channel).toBeLessThan(500);
      expect(refused.body.error, channel).toMatchObject({
        code: 'not-runnable',
        data: { reason: 'not-approved' },
      });
      expect(refused.body.error?.message, channel).toMatch(
        /no approve-use of tiny@1\.0 has passed/,
      );
    }
  });

  it('names the folder an import cannot use', async () => {
    const missing = join(g.root, 'nowhere');
    const gone = await host.call('models:import', {
      runId: 'i-2',
      dir: missing,
      model: 'x',
      version: '1',
    });
    expect(gone.status).toBe(404);
    expect(gone.body.error?.message).toContain(missing);
    // A folder whose onnx/ is a file: the disk's own error, turned into a refusal naming it.
    const odd = join(g.root, 'odd');
    mkdirSync(odd);
    writeFileSync(join(odd, 'config.json'), '{}');
    writeFileSync(join(odd, 'onnx'), 'not a folder');
    const bad = await host.call('models:import', {
      runId: 'i-3',
      dir: odd,
      model: 'x',
      version: '1',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid-argument' });
    expect(bad.body.error?.message).toContain(join(odd, 'onnx'));
  });

  it('tells the host its imports with their files and task, registered or not', async () => {
    const next = join(g.root, 'tiny-2');
    writeModel(next);
    const imported = await host.ok<{ files: { path: string; sha256: string }[] }>('models:import', {
      runId: 'import-2',
      dir: next,
      model: 'tiny',
      version: '2.0',
    });
    const { models } = await host.ok<{ models: LocalModelStatus[] }>('models:local');
    const two = models.find((m) => m.model === 'tiny' && m.version === '2.0');
    expect(two).toMatchObject({ status: 'not-registered', task: 'text-generation' });
    expect(two?.files?.map(({ path, sha256 }) => ({ path, sha256 }))).toEqual(
      imported.files.map(({ path, sha256 }) => ({ path, sha256 })),
    );
    expect(models.find((m) => m.version === '1.0')?.files).toHaveLength(2);
    // Another browser reads the statuses, not what lies on the host's disk.
    const other = await new ApiClient(g.url).ok<{ models: LocalModelStatus[] }>('models:local');
    expect(other.models.map((m) => m.version)).toEqual(['1.0']);
    expect(other.models[0]?.files).toBeUndefined();
  });
});

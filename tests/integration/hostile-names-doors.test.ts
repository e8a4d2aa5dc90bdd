/**
 * Hostile tree entry names through every door a peer's history comes in by: a push to
 * `steward serve` (the real git CLI pushing), a sync that fetches from a peer's `steward serve`,
 * a bundle, another folder, and `steward clone` by each route. Each is refused before anything is
 * written: no object stored, `main` unmoved, no file in the work tree.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { serveRepo } from '../../electron/core/server/serve';
import { CLI, type CliResult } from '../helpers/cli';
import { credentialArgs, proofFor, runGit } from '../helpers/git-remote';
import { hostileNames as names, hostileTrees, refusal } from '../helpers/hostile-trees';

const t = hostileTrees();
const { cli } = t;
const serve = (dir: string, onEvent?: Parameters<typeof serveRepo>[0]['onEvent']) =>
  Ledger.open(dir).then((ledger) =>
    serveRepo({ ledger, now: () => t.now.getTime(), ...(onEvent ? { onEvent } : {}) }),
  );

describe('a hostile name in an incoming tree', () => {
  it.each(names)('is refused by a bundle, and nothing is written: %j', async (name) => {
    const hostile = t.hostileRepo(name);
    const file = `${t.fresh('hostile')}.bundle`;
    cli.ok(hostile.dir, ['bundle', 'create', '-q', file, 'main']);
    const ours = t.copyOfBase('ours');
    const before = t.snapshot(ours);
    const error = await refusal(() => t.sync(ours, { route: 'bundle', file }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(`is named ${JSON.stringify(name)}`);
    t.expectUntouched(ours, before);
    t.expectSound(ours);
  });

  it.each(names)('is refused by a folder, and nothing is written: %j', async (name) => {
    const hostile = t.hostileRepo(name);
    const ours = t.copyOfBase('ours');
    const before = t.snapshot(ours);
    const theirs = t.snapshot(hostile.dir);
    const error = await refusal(() => t.sync(ours, { route: 'folder', path: hostile.dir }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(`is named ${JSON.stringify(name)}`);
    t.expectUntouched(ours, before);
    // Nothing of ours was pushed into the other folder either.
    expect(t.snapshot(hostile.dir)).toEqual(theirs);
  });

  it.each(names)(
    "is refused when fetched from a peer's steward serve, and nothing is written: %j",
    async (name) => {
      const hostile = t.hostileRepo(name);
      const served = await serve(hostile.dir);
      try {
        const ours = t.copyOfBase('ours');
        const before = t.snapshot(ours);
        const error = await refusal(() => t.sync(ours, { route: 'http', url: served.url }));
        expect(error.code).toBe('corrupt');
        expect(error.message).toContain(`is named ${JSON.stringify(name)}`);
        t.expectUntouched(ours, before);
        expect(cli.ok(hostile.dir, ['rev-parse', 'refs/heads/main'])).toBe(hostile.tip);
      } finally {
        await served.close();
      }
    },
  );

  describe('pushed to steward serve', () => {
    let host: string;
    let served: Awaited<ReturnType<typeof serve>>;
    const rejected: string[] = [];
    beforeAll(async () => {
      host = t.copyOfBase('host');
      served = await serve(host, (e) => {
        if (e.type === 'push-rejected') rejected.push(e.reason);
        if (e.type === 'error') rejected.push(`error: ${String(e.error)}`);
      });
      // The server's first look at its members writes its caches: before any snapshot is taken.
      const listed = await runGit(t.root, ['ls-remote', served.url], cli.env);
      expect(listed.status, listed.stderr).toBe(0);
    });
    afterAll(() => served.close());

    it.each(names)('is refused, and nothing is written: %j', async (name) => {
      const hostile = t.hostileRepo(name);
      const before = t.snapshot(host);
      const credentials = await proofFor(served.url, t.member!);
      const push = await runGit(
        hostile.dir,
        [...credentialArgs(credentials), 'push', served.url, 'main'],
        cli.env,
      );
      expect(push.status, push.stderr).not.toBe(0);
      expect(push.stderr).toContain('malformed');
      expect(rejected.at(-1)).toContain(`is named ${JSON.stringify(name)}`);
      t.expectUntouched(host, before);
    });
  });
});

/** The built CLI in its own process, without blocking this one (which may be serving). */
const stewardAsync = (args: string[], home: string): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--json'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, STEWARD_HOME: home },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (status) => {
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ status: status ?? -1, stdout, stderr, json });
    });
  });

describe('steward clone of a history with a hostile name', () => {
  const expectRefusedClone = async (source: string): Promise<void> => {
    const dir = t.fresh('clone');
    const r = await stewardAsync(['clone', source, dir], join(t.root, 'home'));
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.json).toMatchObject({
      error: { code: 'corrupt', message: expect.stringContaining('is named') as unknown },
    });
    // The new repo holds no commit, no object and no file but its git dir.
    expect(readdirSync(dir)).toEqual(['.git']);
    expect(cli.run(dir, ['rev-parse', '--verify', '-q', 'refs/heads/main']).status).not.toBe(0);
    const objects = readdirSync(join(dir, '.git', 'objects'), { recursive: true }) as string[];
    expect(objects.filter((o) => /[0-9a-f]{38}$|\.pack$/.test(o))).toEqual([]);
    expect(existsSync(join(t.root, 'x'))).toBe(false);
  };

  it('is refused from a folder, a bundle and a URL, and the new repo stays empty', async () => {
    const hostile = t.hostileRepo(names[0]!);
    await expectRefusedClone(hostile.dir);
    const file = `${t.fresh('clone-source')}.bundle`;
    cli.ok(hostile.dir, ['bundle', 'create', '-q', file, 'main']);
    await expectRefusedClone(file);
    const served = await serve(hostile.dir);
    try {
      await expectRefusedClone(served.url);
    } finally {
      await served.close();
    }
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { found } from '../../electron/core/governance/found';
import { Keystore } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { git, tempDir } from '../helpers/cli';

const loop = resolve(import.meta.dirname, 'fixtures/append-loop.ts');
const passphrase = 'correct horse battery';

const start = (
  home: string,
  repo: string,
  count: number,
  tag: string,
): { child: ChildProcess; ids: string[]; done: Promise<number> } => {
  const child = spawn(process.execPath, ['--import', 'tsx', loop, repo, String(count), tag], {
    env: { ...process.env, STEWARD_HOME: home, STEWARD_PASSPHRASE: passphrase },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ids: string[] = [];
  let buffered = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    ids.push(...lines);
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const done = new Promise<number>((ok) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(errors);
      ok(code ?? -1);
    }),
  );
  return { child, ids, done };
};

const proposalIds = async (repo: string): Promise<string[]> => {
  const { state } = await (await Ledger.open(repo)).load(new Date('2026-02-01'));
  expect(state.quarantined).toEqual([]);
  return state.proposals.map((p) => p.id);
};

describe('ledger appends', () => {
  let home: string;
  let repo: string;

  beforeEach(async () => {
    const root = tempDir();
    home = join(root, 'home');
    repo = join(root, 'repo');
    const keystore = new Keystore(home);
    await keystore.create('Alice', passphrase, new Date('2026-01-01'));
    await found({
      path: repo,
      name: 'G',
      founders: [],
      rules: {},
      signer: await keystore.unlock(passphrase),
      now: new Date('2026-01-01'),
    });
  });

  it('lands every statement when two processes append at once', { timeout: 120_000 }, async () => {
    const a = start(home, repo, 40, 'a');
    const b = start(home, repo, 40, 'b');
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
    expect((await proposalIds(repo)).sort()).toEqual([...a.ids, ...b.ids].sort());
    expect(git(repo, 'rev-list', '--count', 'HEAD').trim()).toBe('81');
    expect(() => git(repo, 'fsck', '--strict', '--full')).not.toThrow();
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it(
    'loses no reported statement and stays fsck-clean when killed mid-append',
    { timeout: 120_000 },
    async () => {
      for (let round = 0; round < 3; round++) {
        const run = start(home, repo, 100_000, `crash${round}`);
        await new Promise<void>((ok) => {
          const check = setInterval(() => {
            if (run.ids.length >= 5 + round * 7) {
              clearInterval(check);
              ok();
            }
          }, 5);
        });
        run.child.kill('SIGKILL');
        await run.done;
        expect(() => git(repo, 'fsck', '--strict', '--full')).not.toThrow();
        const present = new Set(await proposalIds(repo));
        for (const id of run.ids) expect(present.has(id)).toBe(true);
      }
      // The next append repairs whatever the killed one left in the work tree and index.
      const after = start(home, repo, 1, 'after');
      expect(await after.done).toBe(0);
      expect(git(repo, 'status', '--porcelain')).toBe('');
      expect(readFileSync(join(repo, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    },
  );
});

import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { found } from '../../electron/core/governance/found';
import { propose } from '../../electron/core/governance/propose';
import { signStatement } from '../../electron/core/governance/sign';
import { Ledger } from '../../electron/core/ledger/ledger';
import type { CloseStatement } from '../../shared/format/types';
import { git, tempDir } from '../helpers/cli';
import { makeSigner } from '../helpers/memory-group';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const alice = makeSigner('Alice');

const group = async () => {
  const dir = join(tempDir(), 'g');
  await found({
    path: dir,
    name: 'G',
    founders: [],
    rules: { votingPeriod: 3600 },
    signer: alice,
    now: NOW,
  });
  const ledger = await Ledger.open(dir);
  const p = await propose(
    { ledger, signer: alice, now: NOW },
    { kind: 'resolution', title: 'R', params: {} },
  );
  return { dir, ledger, proposal: p.id };
};

const resolution = (title: string) => ({ kind: 'resolution' as const, title, params: {} });

/** Runs git in `dir` with a fixed identity, returning its trimmed output. */
const gitIn =
  (dir: string) =>
  (args: string[], input?: string): string =>
    execFileSync('git', args, {
      cwd: dir,
      input,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'm',
        GIT_AUTHOR_EMAIL: 'm@m',
        GIT_COMMITTER_NAME: 'm',
        GIT_COMMITTER_EMAIL: 'm@m',
      },
    })
      .toString()
      .trim();

/** 40 levels of folders, each holding the next twice: 2^40 paths from about 40 objects. */
const folderBomb = (run: ReturnType<typeof gitIn>): string => {
  const blob = run(['hash-object', '-w', '--stdin'], '{}');
  let tree = run(['mktree'], `100644 blob ${blob}\tx.json\n`);
  for (let i = 0; i < 40; i++)
    tree = run(['mktree'], `040000 tree ${tree}\ta\n040000 tree ${tree}\tb\n`);
  return tree;
};

describe('ledger edges', () => {
  it('refuses to append while git holds the index, and commits nothing', async () => {
    const { dir, ledger } = await group();
    const head = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, '.git', 'index.lock'), '');
    await expect(
      propose({ ledger, signer: alice, now: NOW }, resolution('blocked')),
    ).rejects.toMatchObject({ code: 'locked' });
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('breaks a lock left by a dead process and appends', async () => {
    const { dir, ledger } = await group();
    const dead = execFileSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).toString();
    writeFileSync(
      join(dir, '.git', 'steward.lock'),
      JSON.stringify({ pid: Number(dead), host: hostname() }),
    );
    await propose({ ledger, signer: alice, now: NOW }, resolution('after a crash'));
    expect(git(dir, 'log', '-1', '--format=%s')).toContain('after a crash');
    expect(readdirSync(join(dir, '.git')).filter((f) => f.startsWith('steward.lock'))).toEqual([]);
  });

  it('refuses a split index before committing, naming the git command that converts it', async () => {
    const { dir, ledger } = await group();
    git(dir, 'update-index', '--split-index');
    const head = git(dir, 'rev-parse', 'HEAD');
    await expect(
      propose({ ledger, signer: alice, now: NOW }, resolution('split')),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('--no-split-index') as string,
    });
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    git(dir, 'update-index', '--no-split-index');
    await propose({ ledger, signer: alice, now: NOW }, resolution('after'));
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('verifies quickly a close whose basis is a tree of folders repeating folders', async () => {
    const { dir, ledger, proposal } = await group();
    // The bomb as the proposal's folder in a commit that a close names as its basis.
    const run = gitIn(dir);
    const tree = folderBomb(run);
    const fan = run(['mktree'], `040000 tree ${tree}\t${proposal}\n`);
    const proposals = run(['mktree'], `040000 tree ${fan}\t${proposal.slice(0, 2)}\n`);
    const top = run(['mktree'], `040000 tree ${proposals}\tproposals\n`);
    const bomb = run(['commit-tree', top, '-m', 'bomb']);
    const { state } = await ledger.load(NOW);
    const close: CloseStatement = {
      format: 'steward/1',
      type: 'close',
      group: state.group!.id,
      author: alice.id,
      created: '2026-06-01T02:00:00.000Z',
      proposal,
      basis: bomb,
    };
    const { envelope, id } = signStatement(close, [alice]);
    await ledger.append(envelope, id, 'close on a bomb', alice);
    const started = Date.now();
    const loaded = await ledger.load(new Date('2026-06-02'));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(loaded.state.proposals[0]!.winningClose).toBe(id);
    expect(loaded.state.proposals[0]!.status).toBe('expired');
  });

  it('does not walk folders deeper than any statement lies, so a folder bomb at HEAD loads quickly', async () => {
    const { dir, ledger, proposal } = await group();
    const run = gitIn(dir);
    const tree = folderBomb(run);
    // proposals/xx/<id>/votes/bomb/...: replace the proposal's folder with one holding a bomb.
    const pdir = run(['rev-parse', `HEAD:proposals/${proposal.slice(0, 2)}/${proposal}`]);
    const listing = run(['ls-tree', pdir]);
    const votes = run(['mktree'], `040000 tree ${tree}\tbomb\n`);
    const withBomb = run(['mktree'], `${listing}\n040000 tree ${votes}\tvotes\n`);
    const fan = run(['mktree'], `040000 tree ${withBomb}\t${proposal}\n`);
    const rootListing = run(['ls-tree', 'HEAD'])
      .split('\n')
      .filter((l) => !l.endsWith('\tproposals'))
      .join('\n');
    const proposals = run(['mktree'], `040000 tree ${fan}\t${proposal.slice(0, 2)}\n`);
    const root = run(['mktree'], `${rootListing}\n040000 tree ${proposals}\tproposals\n`);
    run(['update-ref', 'refs/heads/main', run(['commit-tree', root, '-p', 'HEAD', '-m', 'bomb'])]);
    const started = Date.now();
    const { state } = await ledger.load(NOW);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(state.quarantined.map((q) => [q.reason, q.path])).toEqual([
      ['unexpected-file', `proposals/${proposal.slice(0, 2)}/${proposal}/votes/bomb`],
    ]);
    expect(state.proposals).toHaveLength(1);
  });
});

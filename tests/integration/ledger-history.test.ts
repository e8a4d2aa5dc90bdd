/**
 * A statement once committed on the main line is never lost: a later commit made by hand with the
 * git CLI that changes or removes one is reported, and the state is what it was. Real repos, the
 * real git CLI, the built `steward` command.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposalDir } from '../../shared/format/paths';
import type { DerivedState } from '../../shared/derive/state';
import { close } from '../../electron/core/governance/close';
import { found } from '../../electron/core/governance/found';
import { propose } from '../../electron/core/governance/propose';
import { vote } from '../../electron/core/governance/vote';
import { Ledger } from '../../electron/core/ledger/ledger';
import { Lineage } from '../../electron/core/ledger/lineage';
import { steward, tempDir } from '../helpers/cli';
import { copyRepo, git } from './adversarial/git';
import { at, buildGroup, NOW, type Group } from './adversarial/group';
import { outcomes } from './adversarial/outcomes';

const load = async (dir: string) => (await Ledger.open(dir)).load(NOW);

const cli = (dir: string, ...args: string[]) =>
  steward([...args, '--repo', dir, '--json'], {
    STEWARD_HOME: tempDir('steward-home-'),
    STEWARD_NOW: NOW.toISOString(),
  });

type Verify = {
  ok: boolean;
  quarantined: { path: string; reason: string }[];
  rewrites: { path: string; commit: string; change: string; type: string; id: string }[];
};

describe('ledger history', () => {
  let g: Group;
  let baseline: DerivedState;
  /** The group after Bob's removal passed (closed early, every voter counted). */
  let removed: { dir: string; proposal: string; state: DerivedState };
  const made: string[] = [];

  const copy = async (from: string): Promise<string> => {
    const dir = await copyRepo(from);
    made.push(dir);
    // The copy's work tree and index, as a person editing files by hand would find them.
    git(dir, ['reset', '-q', '--hard', 'main']);
    return dir;
  };

  beforeAll(async () => {
    g = await buildGroup();
    baseline = (await load(g.dir)).state;
    const dir = await copy(g.dir);
    const ledger = await Ledger.open(dir);
    const as = (signer: typeof g.fay, minutes: number) => ({ ledger, signer, now: at(minutes) });
    const p = await propose(as(g.fay, 125), {
      kind: 'remove-member',
      title: 'Remove Bob',
      params: { member: g.bob.id },
    });
    await vote(as(g.fay, 126), { proposal: p.id, ballot: { choice: 'yes' } });
    await vote(as(g.ada, 127), { proposal: p.id, ballot: { choice: 'yes' } });
    await vote(as(g.bob, 128), { proposal: p.id, ballot: { choice: 'no' } });
    await close(as(g.ada, 129), p.id);
    removed = { dir, proposal: p.id, state: (await ledger.load(NOW)).state };
  }, 120_000);

  afterAll(async () => {
    for (const dir of [...made, dirname(g.dir)]) await rm(dir, { recursive: true, force: true });
  });

  it('starts from groups where an early close counted every vote', () => {
    expect(outcomes(baseline).statuses['Adopt the code of conduct']).toBe('passed');
    const p = removed.state.proposals.find((x) => x.id === removed.proposal)!;
    expect(p.status).toBe('passed');
    expect(p.tally).toMatchObject({ yes: 2, no: 1 });
    expect(removed.state.members.map((m) => m.name)).toEqual(['Fay', 'Ada']);
  });

  it('keeps every outcome when a vote counted in an early close is edited and committed with git', async () => {
    const dir = await copy(g.dir);
    // The same ledger before and after: its cached load must not hide the change either.
    const ledger = await Ledger.open(dir);
    await ledger.load(NOW);
    const path = g.files.adaVoteOnClosed;
    const text = readFileSync(join(dir, path), 'utf8');
    writeFileSync(join(dir, path), text.replace('"yes"', '"no"'));
    git(dir, ['commit', '-q', '-a', '-m', 'fix a vote']);
    const commit = git(dir, ['rev-parse', 'HEAD']);

    for (const loaded of [await ledger.load(NOW), await load(dir)]) {
      expect(outcomes(loaded.state)).toEqual(outcomes(baseline));
      expect(loaded.state.members).toEqual(baseline.members);
      // The file at the path is what it is now: quarantined.
      expect(loaded.state.quarantined.map((q) => [q.path, q.reason])).toEqual([
        [path, 'bad-signature'],
      ]);
      expect(loaded.rewrites).toEqual([
        { path, commit, change: 'changed', type: 'vote', id: expect.any(String) as string },
      ]);
    }
    const closed = (await load(dir)).state.proposals.find((p) => p.id === g.proposals.closed)!;
    expect(closed.votes).toHaveLength(3);

    const r = cli(dir, 'verify');
    expect(r.status).toBe(1);
    const out = r.json as Verify;
    expect(out.ok).toBe(false);
    expect(out.rewrites.map((w) => [w.path, w.commit, w.change])).toEqual([
      [path, commit, 'changed'],
    ]);
    const text2 = steward(['verify', '--repo', dir], {
      STEWARD_HOME: tempDir('steward-home-'),
      STEWARD_NOW: NOW.toISOString(),
    });
    expect(text2.status).toBe(1);
    expect(text2.stdout).toContain(commit.slice(0, 12));
    expect(text2.stdout).toContain(`changed ${path}`);
  });

  it('keeps a member removed when the passed proposal’s folder is deleted and committed with git', async () => {
    const dir = await copy(removed.dir);
    const folder = proposalDir(removed.proposal);
    const files = git(dir, ['ls-files', folder]).split('\n');
    expect(files.length).toBe(5);
    git(dir, ['rm', '-q', '-r', folder]);
    git(dir, ['commit', '-q', '-m', 'tidy up']);
    const commit = git(dir, ['rev-parse', 'HEAD']);

    const loaded = await load(dir);
    expect(loaded.state.members.map((m) => m.name)).toEqual(['Fay', 'Ada']);
    expect(outcomes(loaded.state)).toEqual(outcomes(removed.state));
    expect(loaded.state.quarantined).toEqual([]);
    expect(loaded.rewrites.map((w) => [w.path, w.commit, w.change])).toEqual(
      [...files].sort().map((f) => [f, commit, 'removed']),
    );

    const r = cli(dir, 'verify');
    expect(r.status).toBe(1);
    const out = r.json as Verify;
    expect(out.ok).toBe(false);
    expect(out.quarantined).toEqual([]);
    expect(new Set(out.rewrites.map((w) => w.commit))).toEqual(new Set([commit]));
    const shown = cli(dir, 'show', removed.proposal).json as {
      status: string;
      rewrites: unknown[];
    };
    expect([shown.status, shown.rewrites.length]).toEqual(['passed', 5]);
    expect((cli(dir, 'members').json as { name: string }[]).map((m) => m.name)).toEqual([
      'Fay',
      'Ada',
    ]);
  });

  it('keeps a statement removed and added again on the way between two loads', async () => {
    const dir = await copy(removed.dir);
    const ledger = await Ledger.open(dir);
    await ledger.load(NOW);
    const folder = proposalDir(removed.proposal);
    git(dir, ['rm', '-q', '-r', folder]);
    git(dir, ['commit', '-q', '-m', 'remove']);
    const commit = git(dir, ['rev-parse', 'HEAD']);
    git(dir, ['revert', '--no-edit', 'HEAD']);
    // The tip's tree is the one the last load saw, plus nothing: history still reports the removal.
    const loaded = await ledger.load(NOW);
    expect(loaded.state.members.map((m) => m.name)).toEqual(['Fay', 'Ada']);
    expect(new Set(loaded.rewrites.map((w) => w.commit))).toEqual(new Set([commit]));
    expect(loaded.rewrites).toEqual((await load(dir)).rewrites);
  });

  it('says what is wrong when a hand merge brings a second group’s charter.json', async () => {
    const dir = await copy(g.dir);
    const other = join(tempDir('steward-other-'), 'repo');
    made.push(dirname(other));
    await found({
      path: other,
      name: 'Other Guild',
      founders: [],
      rules: {},
      signer: g.mallory,
      now: at(0),
    });
    git(dir, ['fetch', '-q', other, 'main:refs/heads/other']);
    // A merge that keeps this repo's tree: the other charter.json is only in history.
    git(dir, ['merge', '-q', '--allow-unrelated-histories', '-s', 'ours', '-m', 'join', 'other']);
    const merge = git(dir, ['rev-parse', 'HEAD']);

    for (const command of ['list', 'members']) {
      const r = cli(dir, command);
      expect(r.status).not.toBe(0);
      const message = (r.json as { error: { message: string } }).error.message;
      expect(message).toContain('2 different charters');
      expect(message).not.toContain('charter sign');
    }
    const out = cli(dir, 'verify').json as Verify;
    expect(out.ok).toBe(false);
    expect(out.rewrites.map((w) => [w.path, w.commit, w.type])).toEqual([
      ['charter.json', merge, 'charter'],
    ]);
    expect(out.quarantined.filter((q) => q.path === 'charter.json').map((q) => q.reason)).toEqual([
      'duplicate-entry',
      'duplicate-entry',
    ]);
  });

  it('reads the history once: a load in a new process walks only commits no load has seen', async () => {
    const dir = await copy(g.dir);
    const commits = Number(git(dir, ['rev-list', '--count', 'main']));
    const head = git(dir, ['rev-parse', 'main']);
    // What the copied repo's loads kept goes: this process starts from nothing.
    rmSync(join(dir, '.git', 'steward-lineage.json'));
    const first = await Lineage.open((await Ledger.open(dir)).repo);
    await first.of(head);
    expect(first.visited).toBe(commits);
    await first.save();

    const again = await Lineage.open((await Ledger.open(dir)).repo);
    await again.of(head);
    expect(again.visited).toBe(0);

    // One new statement by Steward: one commit to read.
    const ledger = await Ledger.open(dir);
    await ledger.load(NOW);
    await vote(
      { ledger, signer: g.ada, now: at(123) },
      { proposal: g.proposals.open, ballot: { choice: 'yes' } },
    );
    const next = await Lineage.open(ledger.repo);
    await next.of((await ledger.head())!);
    expect(next.visited).toBe(1);
  });
});

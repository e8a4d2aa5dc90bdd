/**
 * A ledger loaded again takes on from its last load: what it derives is always what a fresh load
 * of the same commit derives, whether the change was a vote (taken in without replaying the
 * history), a close, a new proposal, a forged statement, a reset head, or an older commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEnvelope } from '../../shared/format/envelope';
import { statementPath } from '../../shared/format/paths';
import type { Statement } from '../../shared/format/types';
import { close } from '../../electron/core/governance/close';
import { found } from '../../electron/core/governance/found';
import { propose } from '../../electron/core/governance/propose';
import { signStatement } from '../../electron/core/governance/sign';
import { vote } from '../../electron/core/governance/vote';
import { Ledger, type Loaded } from '../../electron/core/ledger/ledger';
import type { Signer } from '../../electron/core/identity/keystore';
import { git, tempDir } from '../helpers/cli';
import { makeSigner } from '../helpers/memory-group';

const T0 = Date.parse('2026-06-01T00:00:00.000Z');
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);
const alice = makeSigner('Alice');
const dave = makeSigner('Dave'); // not a member

const group = async () => {
  const dir = join(tempDir(), 'g');
  await found({ path: dir, name: 'G', founders: [], rules: {}, signer: alice, now: at(0) });
  const ledger = await Ledger.open(dir);
  const ctx = (minutes: number) => ({ ledger, signer: alice, now: at(minutes) });
  const p = await propose(ctx(1), { kind: 'resolution', title: 'Keep minutes', params: {} });
  const q = await propose(ctx(2), { kind: 'resolution', title: 'Buy a GPU', params: {} });
  return { dir, ledger, ctx, p: p.id, q: q.id };
};

/** What a ledger opened afresh derives at the same commit and clock. */
const fresh = async (dir: string, now: Date, commit?: string): Promise<Loaded> =>
  (await Ledger.open(dir)).load(now, commit ? { commit } : {});

const expectSame = async (loaded: Loaded, dir: string, now: Date, commit?: string) => {
  const full = await fresh(dir, now, commit);
  expect(loaded.head).toBe(full.head);
  expect(loaded.state).toEqual(full.state);
  expect([...loaded.checked].sort(byPath)).toEqual([...full.checked].sort(byPath));
};
const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : 1);

/** Commits a statement signed by `signer` with the git CLI, as a peer's sync would bring it. */
const commitByHand = (dir: string, statement: Statement, signer: Signer): string => {
  const { envelope, id } = signStatement(statement, [signer]);
  const path = statementPath(statement.type, id, 'proposal' in statement ? statement.proposal : '');
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), renderEnvelope(envelope));
  git(dir, 'add', path);
  git(dir, '-c', 'user.name=Peer', '-c', 'user.email=peer@x', 'commit', '-q', '-m', 'by hand');
  return id;
};

describe('a ledger loaded again', () => {
  it('takes a vote in without judging the other proposals again, and derives what a fresh load does', async () => {
    const { dir, ledger, ctx, p, q } = await group();
    const first = await ledger.load(at(3));
    const other = first.state.proposals.find((v) => v.id === q)!;
    await vote(ctx(4), { proposal: p, ballot: { choice: 'yes' } });
    const second = await ledger.load(at(5));
    expect(second.state.proposals.find((v) => v.id === p)!.tally).toMatchObject({ yes: 1 });
    // The untouched proposal's view is the very object of the last load: it was not judged again.
    expect(second.state.proposals.find((v) => v.id === q)).toBe(other);
    await expectSame(second, dir, at(5));

    // A changed vote, and a stranger's vote forged into the repo by hand.
    await vote(ctx(6), { proposal: p, ballot: { choice: 'no' } });
    commitByHand(
      dir,
      {
        format: 'steward/1',
        type: 'vote',
        group: first.state.group!.id,
        author: dave.id,
        created: at(7).toISOString(),
        proposal: p,
        choice: 'yes',
      },
      dave,
    );
    const third = await ledger.load(at(8));
    expect(third.state.proposals.find((v) => v.id === p)!.tally).toMatchObject({ yes: 0, no: 1 });
    expect(third.state.quarantined.map((x) => [x.reason, x.author])).toEqual([
      ['non-member', dave.id],
    ]);
    expect(third.state.proposals.find((v) => v.id === q)).toBe(other);
    await expectSame(third, dir, at(8));
  });

  it('loads in full, and the same as afresh, for a close, a proposal, a bad file and a reset', async () => {
    const { dir, ledger, ctx, p } = await group();
    await ledger.load(at(3));
    await vote(ctx(4), { proposal: p, ballot: { choice: 'yes' } });
    await ledger.load(at(5));
    // Past the deadline (seven days by default): a close changes what the group decided.
    const later = 8 * 24 * 60;
    await close(ctx(later), p);
    await expectSame(await ledger.load(at(later + 1)), dir, at(later + 1));
    await propose(ctx(later + 2), { kind: 'resolution', title: 'Meet on Fridays', params: {} });
    await expectSame(await ledger.load(at(later + 3)), dir, at(later + 3));

    // A file that is not a statement, committed by hand: quarantined, as a fresh load says.
    const junk = join('proposals', p.slice(0, 2), p, 'votes', `${'0'.repeat(64)}.json`);
    writeFileSync(join(dir, junk), '{"statement": {}, "signatures": []}\n');
    git(dir, 'add', junk);
    git(dir, '-c', 'user.name=Peer', '-c', 'user.email=peer@x', 'commit', '-q', '-m', 'junk');
    const withJunk = await ledger.load(at(later + 4));
    expect(withJunk.state.quarantined.map((x) => x.path)).toContain(junk);
    await expectSame(withJunk, dir, at(later + 4));

    // The head moved back (a reset): files gone from the tree are gone from the state.
    git(dir, 'reset', '-q', '--hard', 'HEAD~2');
    const reset = await ledger.load(at(later + 5));
    expect(reset.state.proposals.map((v) => v.title)).not.toContain('Meet on Fridays');
    await expectSame(reset, dir, at(later + 5));
  });

  it('loads an older commit and the head at once, each as a fresh load would', async () => {
    const { dir, ledger, ctx, p } = await group();
    const before = (await ledger.load(at(3))).head!;
    await vote(ctx(4), { proposal: p, ballot: { choice: 'yes' } });
    await vote(ctx(5), { proposal: p, ballot: { choice: 'abstain' } });
    const [old, head, again] = await Promise.all([
      ledger.load(at(6), { commit: before }),
      ledger.load(at(6)),
      ledger.load(at(6), { commit: before }),
    ]);
    await expectSame(old, dir, at(6), before);
    await expectSame(head, dir, at(6));
    await expectSame(again, dir, at(6), before);
    expect(head.state.proposals.find((v) => v.id === p)!.tally).toMatchObject({ abstain: 1 });
  });

  it('judges again a close whose basis, missing at first, arrives by a fetch', async () => {
    const { dir, ledger, ctx, p } = await group();
    // A peer's clone makes a commit C this repo does not have yet.
    const peer = join(tempDir(), 'peer');
    git(dir, 'clone', '-q', dir, peer);
    git(
      peer,
      '-c',
      'user.name=P',
      '-c',
      'user.email=p@x',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'C',
    );
    const basis = git(peer, 'rev-parse', 'HEAD').trim();
    const later = 8 * 24 * 60;
    const q = (await propose(ctx(later - 10), { kind: 'resolution', title: 'Q', params: {} })).id;
    const groupId = (await ledger.load(at(3))).state.group!.id;
    commitByHand(
      dir,
      {
        format: 'steward/1',
        type: 'close',
        group: groupId,
        author: alice.id,
        created: at(later).toISOString(),
        proposal: p,
        basis,
      },
      alice,
    );
    const first = await ledger.load(at(later + 1));
    expect(first.state.quarantined.map((x) => x.reason)).toEqual(['unknown-basis']);
    // C arrives (a fetch, the head unmoved): the close now stands.
    git(dir, 'fetch', '-q', peer, 'HEAD:refs/remotes/peer/main');
    const again = await ledger.load(at(later + 2));
    expect(again.state.quarantined).toEqual([]);
    expect(again.state.proposals.find((v) => v.id === p)!.status).toBe('expired');
    await expectSame(again, dir, at(later + 2));
    await vote(ctx(later + 3), { proposal: q, ballot: { choice: 'yes' } });
    await expectSame(await ledger.load(at(later + 4)), dir, at(later + 4));
  });

  it('sees a deadline pass on the clock alone, with no new commit', async () => {
    const { dir, ledger, p } = await group();
    const open = await ledger.load(at(3));
    expect(open.state.proposals.find((v) => v.id === p)!.closable).toBe(false);
    const later = at(8 * 24 * 60);
    const past = await ledger.load(later);
    expect(past.state.proposals.find((v) => v.id === p)!.closable).toBe(true);
    await expectSame(past, dir, later);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, deriveFiles, makeSigner, MemoryGroup } from '../../helpers/memory-group';
import { runs } from '../../helpers/runs';

const alice = makeSigner('Alice');
const bob = makeSigner('Bob');
const carol = makeSigner('Carol');
const dave = makeSigner('Dave');

/** Four founders, 24 h to vote, quorum 0.5: two certifications make a close final. */
const group = () => new MemoryGroup([alice, bob, carol, dave], { votingPeriod: 24 * 3600 });

describe('finality without a trusted clock', () => {
  it('does not count a vote signed before the deadline that arrives after the close', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.vote(bob, 2, p, 'yes');
    g.vote(carol, 2, p, 'no');
    const close = g.close(alice, 26, p);
    const late = g.vote(dave, 20, p, 'no'); // signed at hour 20, synced in after the close
    const view = g.derive().proposals[0]!;
    expect(view).toMatchObject({ status: 'passed', winningClose: close, tally: { yes: 2, no: 1 } });
    expect(view.notCounted).toEqual([
      { id: late, voter: dave.id, created: at(20), reason: 'arrived-after-close' },
    ]);
  });

  it('quarantines a vote dated after the winning close that is not in its basis', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.close(alice, 26, p);
    g.vote(dave, 27, p, 'no');
    const state = g.derive();
    expect(state.quarantined.map((q) => q.reason)).toEqual(['vote-after-deadline']);
    expect(state.proposals[0]!.tally).toMatchObject({ yes: 1, no: 0 });
  });

  it('cannot leave out a vote the closer had seen: the basis fixes the counted votes', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    const disliked = g.vote(bob, 3, p, 'no');
    const close = g.close(carol, 26, p);
    const view = g.derive().proposals[0]!;
    expect(view.closes.find((c) => c.id === close)!.counted).toContain(disliked);
    expect(view.tally).toMatchObject({ yes: 1, no: 1 });
  });

  it('resolves two closes made on disconnected peers the same way on both', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    const fewer = g.snapshot('fewer');
    g.vote(bob, 3, p, 'yes');
    g.vote(carol, 3, p, 'no');
    const more = g.snapshot('more');
    const c1 = g.close(dave, 26, p, fewer);
    const c2 = g.close(carol, 27, p, more);
    const view = g.derive().proposals[0]!;
    expect(view.closes.map((c) => c.id).sort()).toEqual([c1, c2].sort());
    expect(view.winningClose).toBe(c2);
    expect(view.tally).toMatchObject({ yes: 2, no: 1 });
    expect(view.notCounted).toEqual([]);
  });

  it('breaks a tie between concurrent closes counting as many votes by the lower id', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    const basis = g.snapshot('same');
    const c1 = g.close(bob, 26, p, basis);
    const c2 = g.close(carol, 26, p, basis);
    expect(g.derive().proposals[0]!.winningClose).toBe(c1 < c2 ? c1 : c2);
  });

  it('refuses a close made on a basis that already holds a close', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    const first = g.close(alice, 26, p);
    g.vote(bob, 20, p, 'no');
    g.close(bob, 27, p);
    const state = g.derive();
    expect(state.proposals[0]!.winningClose).toBe(first);
    expect(state.quarantined.map((q) => q.reason)).toEqual(['already-closed']);
  });

  it('keeps a certified close final against a forked close with a backdated vote', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.vote(bob, 2, p, 'yes');
    g.vote(carol, 2, p, 'no');
    const beforeClose = g.snapshot('fork-point');
    const honest = g.close(alice, 26, p);
    for (const m of [alice, bob, carol]) g.certify(m, 27, p, honest);
    // Dave saw the result, backdates a no vote to hour 20 and closes on a fork without the honest close.
    const backdated = g.vote(dave, 20, p, 'no');
    const fork = g.snapshot('attack', [...g.commits.get(beforeClose)!, backdated]);
    const attack = g.close(dave, 26.5, p, fork);
    const view = g.derive().proposals[0]!;
    expect(view.closes.find((c) => c.id === attack)!.counted).toHaveLength(4);
    expect(view).toMatchObject({
      winningClose: honest,
      final: true,
      status: 'passed',
      tally: { yes: 2, no: 1 },
    });
    expect(view.notCounted).toEqual([
      { id: backdated, voter: dave.id, created: at(20), reason: 'arrived-after-close' },
    ]);
  });

  it('lets a forked close with one vote more win while nothing is certified, and says it is provisional', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.vote(bob, 2, p, 'yes');
    const fork = g.snapshot('fork');
    g.close(alice, 26, p, fork);
    const backdated = g.vote(dave, 20, p, 'no');
    const attackBasis = g.snapshot('attack', [...g.commits.get(fork)!, backdated]);
    const attack = g.close(dave, 26.5, p, attackBasis);
    expect(g.derive().proposals[0]).toMatchObject({ winningClose: attack, final: false });
  });

  it('shows a member who certifies two closes, and certifies a close only with more than half the weight', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    const basis = g.snapshot('b');
    const c1 = g.close(alice, 26, p, basis);
    const c2 = g.close(bob, 26, p, basis);
    g.certify(carol, 27, p, c1);
    g.certify(carol, 27, p, c2);
    g.certify(alice, 27, p, c1);
    const view = g.derive().proposals[0]!;
    expect(view.equivocations).toEqual([{ member: carol.id, closes: [c1, c2].sort() }]);
    // Two of four is the quorum (0.5) but not more than half: still provisional.
    expect(view.closes.find((c) => c.id === c1)!).toMatchObject({
      certifiedBy: [alice.id, carol.id].sort(),
      certified: false,
    });
    g.certify(dave, 28, p, c2);
    g.certify(bob, 28, p, c2);
    // Both closes now look certified only because Carol signed both; her equivocation is on record.
    const after = g.derive().proposals[0]!;
    expect(after.closes.find((c) => c.id === c2)!.certified).toBe(true);
    expect(after).toMatchObject({ winningClose: c2, final: true });
  });

  it('does not let a post-dated close take the proposal from a certified honest close', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    for (const m of [alice, bob, carol]) g.vote(m, 2, p, 'yes');
    const postDated = g.close(dave, 400, p);
    const honest = g.close(alice, 26, p);
    for (const m of [alice, bob, carol]) g.certify(m, 27, p, honest);
    for (const now of [30, 500]) {
      const view = g.derive(now).proposals[0]!;
      expect(view).toMatchObject({ winningClose: honest, final: true, status: 'passed' });
    }
    expect(
      g
        .derive(500)
        .proposals[0]!.closes.map((c) => c.id)
        .sort(),
    ).toEqual([honest, postDated].sort());
  });

  it('does not let a backdated withdrawal undo a closed proposal', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    for (const m of [alice, bob, carol]) g.vote(m, 2, p, 'no');
    const close = g.close(bob, 26, p);
    const withdrawal = g.withdraw(alice, 3, p);
    const state = g.derive();
    expect(state.proposals[0]).toMatchObject({ status: 'rejected', winningClose: close });
    expect(state.quarantined.map((q) => [q.reason, q.id])).toEqual([
      ['withdrawal-after-close', withdrawal],
    ]);
  });

  it('quarantines statements dated before the proposal they concern', () => {
    const g = group();
    const p = g.propose(alice, 10, 'resolution', {});
    g.vote(bob, 5, p, 'yes');
    expect(g.derive().quarantined.map((q) => q.reason)).toEqual(['before-proposal']);
  });

  it('holds back a close dated in the future until the clock reaches it', () => {
    const g = group();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.vote(carol, 2, p, 'yes');
    g.close(bob, 500, p);
    expect(g.derive(30).proposals[0]!.status).toBe('open');
    expect(g.derive(30).quarantined.map((q) => q.reason)).toEqual(['future-dated']);
    expect(g.derive(501).proposals[0]!.status).toBe('passed');
  });

  it('derives the same state for every order of the same statements', () => {
    const g = group();
    const reg = g.propose(alice, 1, 'register-model', {
      model: 'm',
      name: 'M',
      license: 'MIT',
      owners: [
        { member: alice.id, shares: 60 },
        { member: bob.id, shares: 40 },
      ],
    });
    for (const m of [alice, bob, carol]) g.vote(m, 2, reg, 'yes');
    g.close(alice, 26, reg);
    const t = g.propose(bob, 27, 'transfer-shares', {
      model: 'm',
      from: bob.id,
      to: carol.id,
      shares: 15,
    });
    g.vote(alice, 28, t, 'yes');
    const first = g.vote(bob, 28, t, 'no');
    g.vote(bob, 28, t, 'yes', first);
    const c1 = g.close(carol, 52, t);
    g.certify(alice, 53, t, c1);
    const poll = g.propose(carol, 30, 'poll', { options: ['a', 'b', 'c'], method: 'ranked' });
    g.vote(alice, 31, poll, [2, 1]);
    g.vote(dave, 31, poll, [1]);
    g.vote(bob, 100, poll, [0]);
    g.close(dave, 60, poll);
    const checked = g.checked();
    const expected = JSON.stringify(deriveFiles(checked, g.commits));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(checked, { minLength: checked.length, maxLength: checked.length }),
        (order) => {
          expect(JSON.stringify(deriveFiles(order, g.commits))).toBe(expected);
        },
      ),
      { numRuns: runs({ quick: 200, soak: 2_000 }) },
    );
  });
});

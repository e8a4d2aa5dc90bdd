import { describe, expect, it } from 'vitest';
import { at, deriveFiles, makeSigner, MemoryGroup } from '../../helpers/memory-group';

const alice = makeSigner('Alice');
const bob = makeSigner('Bob');
const carol = makeSigner('Carol');

/** A group of three founders with a 24 h voting period. */
const trio = (rules = {}) =>
  new MemoryGroup([alice, bob, carol], { votingPeriod: 24 * 3600, ...rules });

const find = (g: MemoryGroup, id: string, now?: number) =>
  g.derive(now).proposals.find((p) => p.id === id)!;

describe('derive', () => {
  it('adds a member when an add-member proposal passes and is closed', () => {
    const g = new MemoryGroup([alice], { votingPeriod: 3600 });
    const p = g.propose(alice, 1, 'add-member', { key: bob.publicKey, name: 'Bob' });
    g.vote(alice, 1.5, p, 'yes');
    g.close(alice, 1.6, p);
    const state = g.derive();
    expect(state.members.map((m) => m.name)).toEqual(['Alice', 'Bob']);
    expect(state.proposals[0]).toMatchObject({
      status: 'passed',
      final: false,
      effect: { applied: true },
    });
  });

  it('keeps a proposal open and unclosable before its deadline while voters are missing', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.close(alice, 3, p);
    const state = g.derive();
    expect(state.proposals[0]!.status).toBe('open');
    expect(state.quarantined.map((q) => q.reason)).toEqual(['close-before-deadline']);
  });

  it('accepts an early close once every eligible voter has voted', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    for (const m of [alice, bob, carol]) g.vote(m, 2, p, 'yes');
    g.close(bob, 3, p);
    expect(find(g, p).status).toBe('passed');
  });

  it('counts the last vote of a member, by the replaces chain even when the clocks agree', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    const first = g.vote(bob, 2, p, 'no');
    g.vote(bob, 2, p, 'yes', first);
    g.vote(alice, 2, p, 'yes');
    g.vote(carol, 2, p, 'no');
    g.close(alice, 30, p);
    const view = find(g, p);
    expect(view.tally).toMatchObject({ yes: 2, no: 1 });
    expect(view.notCounted).toEqual([
      { id: first, voter: bob.id, created: at(2), reason: 'superseded' },
    ]);
  });

  it('lists votes not counted in one order, whatever order the files come in', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 3600 });
    const p = g.propose(alice, 1, 'resolution', {});
    const a1 = g.vote(alice, 1.2, p, 'yes');
    g.vote(alice, 1.4, p, 'no', a1);
    const b1 = g.vote(bob, 1.2, p, 'yes');
    g.vote(bob, 1.4, p, 'no', b1);
    const checked = g.checked();
    const forward = deriveFiles(checked, g.commits).proposals[0]!.notCounted;
    const backward = deriveFiles([...checked].reverse(), g.commits).proposals[0]!.notCounted;
    expect(forward.map((n) => n.id).sort()).toEqual([a1, b1].sort());
    expect(backward).toEqual(forward);
  });

  it('expires a proposal that misses quorum, whatever the votes say', () => {
    const g = trio({ quorum: 0.67 });
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.vote(bob, 2, p, 'yes');
    g.close(alice, 30, p);
    expect(find(g, p)).toMatchObject({ status: 'expired', tally: { quorumMet: false, yes: 2 } });
  });

  it('rejects a tie at threshold 0.5 and passes one vote more', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 3600 });
    const tie = g.propose(alice, 1, 'resolution', {}, 'tie');
    g.vote(alice, 1.1, tie, 'yes');
    g.vote(bob, 1.1, tie, 'no');
    g.close(alice, 1.2, tie);
    const more = g.propose(alice, 2, 'resolution', {}, 'more');
    g.vote(alice, 2.1, more, 'yes');
    g.vote(bob, 2.1, more, 'abstain');
    g.close(alice, 2.2, more);
    expect(find(g, tie).status).toBe('rejected');
    expect(find(g, more).status).toBe('passed');
  });

  it('weights votes on a model by shares and lets only owners vote', () => {
    const g = trio();
    const reg = g.propose(alice, 1, 'register-model', {
      model: 'm',
      name: 'M',
      license: 'MIT',
      owners: [
        { member: alice.id, shares: 30 },
        { member: bob.id, shares: 70 },
      ],
      version: '1',
    });
    for (const m of [alice, bob, carol]) g.vote(m, 2, reg, 'yes');
    g.close(alice, 3, reg);
    const lic = g.propose(alice, 4, 'set-license', { model: 'm', license: 'Apache-2.0' });
    g.vote(alice, 5, lic, 'yes');
    g.vote(bob, 5, lic, 'no');
    g.vote(carol, 5, lic, 'yes');
    g.close(alice, 6, lic);
    const state = g.derive();
    const view = state.proposals.find((p) => p.id === lic)!;
    expect(view.electorate).toHaveLength(2);
    expect(view).toMatchObject({ status: 'rejected', tally: { yes: 30, no: 70, electorate: 100 } });
    expect(state.quarantined.map((q) => [q.reason, q.author])).toEqual([
      ['ineligible-voter', carol.id],
    ]);
    expect(state.models[0]!.license).toBe('MIT');
  });

  it("moves shares only with the giver's consent, and applies the transfer when closed", () => {
    const g = trio();
    const reg = g.propose(alice, 1, 'register-model', {
      model: 'm',
      name: 'M',
      license: 'MIT',
      owners: [
        { member: alice.id, shares: 50 },
        { member: bob.id, shares: 50 },
      ],
    });
    for (const m of [alice, bob, carol]) g.vote(m, 2, reg, 'yes');
    g.close(alice, 3, reg);
    const noConsent = g.propose(
      alice,
      4,
      'transfer-shares',
      { model: 'm', from: bob.id, to: carol.id, shares: 10 },
      'no consent',
    );
    g.vote(alice, 5, noConsent, 'yes');
    g.vote(bob, 5, noConsent, 'yes');
    g.close(alice, 6, noConsent);
    const withConsent = g.propose(
      alice,
      7,
      'transfer-shares',
      { model: 'm', from: bob.id, to: carol.id, shares: 10 },
      'consent',
    );
    g.consent(bob, 7.5, withConsent);
    g.vote(alice, 8, withConsent, 'yes');
    g.vote(bob, 8, withConsent, 'yes');
    g.close(alice, 9, withConsent);
    const state = g.derive();
    const refused = state.proposals.find((p) => p.id === noConsent)!;
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toContain('consent');
    expect(state.proposals.find((p) => p.id === withConsent)!.status).toBe('passed');
    expect(state.models[0]!.owners).toEqual(
      [
        { member: alice.id, shares: 50 },
        { member: bob.id, shares: 40 },
        { member: carol.id, shares: 10 },
      ].sort((a, b) => (a.member < b.member ? -1 : 1)),
    );
    expect(state.models[0]!.history.map((h) => h.proposal)).toEqual([reg, withConsent]);
  });

  it('judges a proposal under the charter in force when it opened', () => {
    const g = trio();
    const before = g.propose(alice, 1, 'resolution', {}, 'opened before the amendment');
    const amend = g.propose(alice, 1.5, 'amend-charter', {
      changes: [{ key: 'rules.resolution.threshold', value: 0.9 }],
    });
    for (const m of [alice, bob, carol]) g.vote(m, 2, amend, 'yes');
    g.close(alice, 3, amend);
    const after = g.propose(alice, 4, 'resolution', {}, 'opened after the amendment');
    for (const p of [before, after]) {
      g.vote(alice, 5, p, 'yes');
      g.vote(bob, 5, p, 'yes');
      g.vote(carol, 5, p, 'no');
      g.close(alice, 6, p);
    }
    const state = g.derive();
    expect(state.charter!.rules.resolution.threshold).toBe(0.9);
    expect(state.proposals.find((p) => p.id === before)!.status).toBe('passed');
    expect(state.proposals.find((p) => p.id === after)!.status).toBe('rejected');
  });

  it('lets the author withdraw an open proposal and refuses later votes and closes', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 3600 });
    const p = g.propose(alice, 1, 'resolution', {});
    g.withdraw(bob, 1.1, p);
    g.withdraw(alice, 1.2, p);
    g.vote(bob, 1.3, p, 'yes');
    g.close(bob, 3, p);
    const state = g.derive();
    expect(state.proposals[0]!.status).toBe('withdrawn');
    expect(state.quarantined.map((q) => q.reason).sort()).toEqual([
      'close-after-withdrawal',
      'not-author',
      'vote-after-withdrawal',
    ]);
  });

  it('shows a proposal past its deadline as open and closable until someone closes it', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    expect(find(g, p, 2)).toMatchObject({ status: 'open', closable: false });
    expect(find(g, p, 26)).toMatchObject({ status: 'open', closable: true, deadline: at(25) });
  });

  it('picks a poll winner by approval and by instant runoff', () => {
    const g = trio();
    const approval = g.propose(alice, 1, 'poll', {
      options: ['red', 'green', 'blue'],
      method: 'approval',
    });
    g.vote(alice, 2, approval, [0, 1]);
    g.vote(bob, 2, approval, [1]);
    g.vote(carol, 2, approval, [2, 1]);
    g.close(alice, 3, approval);
    const tied = g.propose(alice, 4, 'poll', {
      options: ['red', 'green', 'blue'],
      method: 'ranked',
    });
    g.vote(alice, 5, tied, [0, 2]);
    g.vote(bob, 5, tied, [1, 2]);
    g.vote(carol, 5, tied, [2, 0]);
    g.close(alice, 6, tied);
    expect(find(g, approval).tally).toMatchObject({ counts: [1, 3, 1], winner: 1 });
    // Every option still running tied: no rule can fairly pick one.
    expect(find(g, tied).tally).toMatchObject({ rounds: [[1, 1, 1]], winner: null, passed: false });
    expect(find(g, tied).status).toBe('rejected');

    const [dave, erin] = [makeSigner('Dave'), makeSigner('Erin')];
    const five = new MemoryGroup([alice, bob, carol, dave, erin], { votingPeriod: 3600 });
    const ranked = five.propose(alice, 1, 'poll', {
      options: ['red', 'green', 'blue'],
      method: 'ranked',
    });
    five.vote(alice, 1.1, ranked, [0]);
    five.vote(bob, 1.1, ranked, [0, 1]);
    five.vote(carol, 1.1, ranked, [1]);
    five.vote(dave, 1.1, ranked, [1, 0]);
    five.vote(erin, 1.1, ranked, [2, 0]);
    five.close(alice, 1.2, ranked);
    // Round 1: 2/2/1, blue is out; Erin's ballot moves to red, which then has 3 of 5.
    expect(find(five, ranked).tally).toMatchObject({
      rounds: [
        [2, 2, 1],
        [3, 2, 0],
      ],
      winner: 0,
      passed: true,
    });
  });
});

/**
 * Evidence in derivation: valid evidence is listed with its proposal, whatever the proposal's
 * status; evidence by a non-member or dated before its proposal is quarantined with its reason;
 * and no evidence, valid or not, changes anything else derived.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DerivedState } from '../../../shared/derive/state';
import { at, evidenceBody, makeSigner, MemoryGroup } from '../../helpers/memory-group';
import { runs } from '../../helpers/runs';

const alice = makeSigner('Alice');
const bob = makeSigner('Bob');
const carol = makeSigner('Carol');
const dave = makeSigner('Dave');

/** Three founders, 24 h to vote. */
const trio = () => new MemoryGroup([alice, bob, carol], { votingPeriod: 24 * 3600 });

const view = (state: DerivedState, id: string) => state.proposals.find((p) => p.id === id)!;
const reasons = (state: DerivedState) =>
  state.quarantined.map((q) => ({ id: q.id, reason: q.reason, detail: q.detail }));

describe('evidence', () => {
  it('is listed with its proposal, whole, oldest first and then by id', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    const late = g.evidence(carol, 5, p, { note: 'rerun with a larger set' });
    const a = g.evidence(alice, 2, p);
    const b = g.evidence(bob, 2, p, { task: 'text-generation', metrics: { exactMatch: 0.5 } });
    const state = g.derive();
    const listed = view(state, p).evidence;
    expect(listed.map((e) => e.id)).toEqual([...[a, b].sort(), late]);
    expect(listed.find((e) => e.id === late)).toEqual({
      id: late,
      author: carol.id,
      created: at(5),
      ...evidenceBody(),
      note: 'rerun with a larger set',
    });
    expect(state.quarantined).toEqual([]);
    expect(state.statements).toBe(5);
  });

  it('is listed on a proposal closed, certified or withdrawn before it', () => {
    const g = trio();
    const closed = g.propose(alice, 1, 'resolution', {}, 'closed');
    for (const m of [alice, bob, carol]) g.vote(m, 2, closed, 'yes');
    const close = g.close(alice, 3, closed);
    for (const m of [alice, bob]) g.certify(m, 4, closed, close);
    const withdrawn = g.propose(bob, 1, 'resolution', {}, 'withdrawn');
    g.withdraw(bob, 2, withdrawn);
    const onClosed = g.evidence(carol, 100, closed);
    const onWithdrawn = g.evidence(alice, 100, withdrawn);
    const state = g.derive();
    expect(view(state, closed)).toMatchObject({ status: 'passed', final: true });
    expect(view(state, closed).evidence.map((e) => e.id)).toEqual([onClosed]);
    expect(view(state, withdrawn)).toMatchObject({ status: 'withdrawn' });
    expect(view(state, withdrawn).evidence.map((e) => e.id)).toEqual([onWithdrawn]);
    expect(state.quarantined).toEqual([]);
  });

  it('by someone who was never a member is quarantined as non-member', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    const e = g.evidence(dave, 2, p);
    const state = g.derive();
    expect(view(state, p).evidence).toEqual([]);
    expect(reasons(state)).toEqual([
      {
        id: e,
        reason: 'non-member',
        detail: 'the author was not a member when the proposal opened',
      },
    ]);
    expect(state.quarantined[0]).toMatchObject({ type: 'evidence', proposal: p, author: dave.id });
  });

  it('by a member who joined after the proposal opened is quarantined as non-member', () => {
    const g = trio();
    const before = g.propose(alice, 1, 'resolution', {}, 'opened before Dave');
    const add = g.propose(alice, 1, 'add-member', { key: dave.publicKey, name: 'Dave' });
    for (const m of [alice, bob, carol]) g.vote(m, 2, add, 'yes');
    g.close(alice, 3, add);
    const after = g.propose(alice, 4, 'resolution', {}, 'opened after Dave joined');
    const refused = g.evidence(dave, 5, before);
    const kept = g.evidence(dave, 5, after);
    const state = g.derive();
    expect(state.members.map((m) => m.name)).toContain('Dave');
    expect(view(state, before).evidence).toEqual([]);
    expect(view(state, after).evidence.map((e) => e.id)).toEqual([kept]);
    expect(reasons(state)).toEqual([
      {
        id: refused,
        reason: 'non-member',
        detail: 'the author was not a member when the proposal opened',
      },
    ]);
  });

  it('dated before its proposal is quarantined as before-proposal', () => {
    const g = trio();
    const p = g.propose(alice, 10, 'resolution', {});
    const early = g.evidence(bob, 9.99, p);
    const onTime = g.evidence(bob, 10, p);
    const state = g.derive();
    expect(view(state, p).evidence.map((e) => e.id)).toEqual([onTime]);
    expect(reasons(state)).toEqual([
      { id: early, reason: 'before-proposal', detail: `dated ${at(9.99)}, before the proposal` },
    ]);
  });

  it('signed with a key rotated away before it is quarantined as wrong-key', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    const bob2 = { ...makeSigner('Bob'), id: bob.id };
    g.rotate(bob, 2, bob2);
    const stale = g.evidence(bob, 3, p);
    const fresh = g.evidence(bob2, 3.5, p);
    const state = g.derive();
    expect(view(state, p).evidence.map((e) => e.id)).toEqual([fresh]);
    expect(reasons(state)).toEqual([
      {
        id: stale,
        reason: 'wrong-key',
        detail: "not signed by the author's key in force at that time",
      },
    ]);
  });

  it('on a proposal missing or quarantined is quarantined as unknown-proposal', () => {
    const g = trio();
    const missing = '9'.repeat(64);
    const bad = g.propose(dave, 1, 'resolution', {}, 'by an outsider');
    const orphan = g.evidence(alice, 2, missing);
    const onBad = g.evidence(alice, 2, bad);
    const state = g.derive();
    expect(reasons(state)).toEqual(
      expect.arrayContaining([
        {
          id: orphan,
          reason: 'unknown-proposal',
          detail: `proposal ${missing} is not in the repo`,
        },
        { id: onBad, reason: 'unknown-proposal', detail: 'its proposal is quarantined' },
      ]),
    );
  });

  it('dated in the future is held back', () => {
    const g = trio();
    const p = g.propose(alice, 1, 'resolution', {});
    const e = g.evidence(bob, 50, p);
    expect(view(g.derive(10), p).evidence).toEqual([]);
    expect(reasons(g.derive(10)).map((q) => [q.id, q.reason])).toEqual([[e, 'future-dated']]);
    expect(view(g.derive(50), p).evidence.map((x) => x.id)).toEqual([e]);
  });
});

/** The state with every trace of evidence removed. */
const withoutEvidence = (state: DerivedState, evidence: Set<string>) => ({
  ...state,
  proposals: state.proposals.map((p) => ({ ...p, evidence: [] })),
  quarantined: state.quarantined.filter((q) => q.id === undefined || !evidence.has(q.id)),
  statements: 0,
});

describe('evidence in derivation', () => {
  // A group whose history has every kind of consequence: a member added, a model registered,
  // shares moved with consent, a passed and a rejected resolution, an open one.
  const history = () => {
    const g = trio();
    const add = g.propose(alice, 1, 'add-member', { key: dave.publicKey, name: 'Dave' });
    for (const m of [alice, bob]) g.vote(m, 2, add, 'yes');
    g.close(alice, 26, add);
    const reg = g.propose(bob, 30, 'register-model', {
      model: 'tiny-llama',
      name: 'Tiny Llama',
      license: 'MIT',
      owners: [
        { member: alice.id, shares: 60 },
        { member: bob.id, shares: 40 },
      ],
      version: '1.0',
      files: evidenceBody().files,
    });
    for (const m of [alice, bob, carol, dave]) g.vote(m, 31, reg, 'yes');
    const regClose = g.close(carol, 32, reg);
    for (const m of [alice, bob, carol]) g.certify(m, 33, reg, regClose);
    const move = g.propose(alice, 40, 'transfer-shares', {
      model: 'tiny-llama',
      from: bob.id,
      to: dave.id,
      shares: 10,
    });
    g.consent(bob, 41, move);
    g.vote(alice, 41, move, 'yes');
    g.vote(bob, 41, move, 'yes');
    g.close(alice, 42, move);
    const no = g.propose(carol, 50, 'resolution', {}, 'rejected');
    for (const m of [alice, bob, carol, dave]) g.vote(m, 51, no, 'no');
    g.close(dave, 52, no);
    const open = g.propose(dave, 60, 'resolution', {}, 'still open');
    g.vote(dave, 61, open, 'yes');
    return { g, proposals: [add, reg, move, no, open] };
  };
  const authors = [alice, bob, carol, dave, makeSigner('Mallory')];

  it('changes no tally, status, membership, model, ownership or effect, valid or not', () => {
    const base = history().g.derive(90);
    expect(base.proposals.map((p) => p.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'rejected',
      'open',
    ]);
    expect(base.models[0]!.owners).toContainEqual({ member: dave.id, shares: 10 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            author: fc.integer({ min: 0, max: authors.length - 1 }),
            proposal: fc.integer({ min: 0, max: 4 }),
            hours: fc.integer({ min: 0, max: 80 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (specs) => {
          const { g, proposals } = history();
          const base = g.derive(90);
          const ids = new Set(
            // A seed apiece: two equal statements would be one file.
            specs.map((s, i) =>
              g.evidence(authors[s.author]!, s.hours, proposals[s.proposal]!, { seed: i }),
            ),
          );
          const state = g.derive(90);
          expect(withoutEvidence(state, ids)).toEqual({ ...base, statements: 0 });
          const listed = state.proposals.flatMap((p) => p.evidence.map((e) => e.id));
          const refused = state.quarantined.filter((q) => q.id && ids.has(q.id));
          // Every piece of evidence is listed or quarantined, never both, never lost.
          expect(listed.length + refused.length).toBe(ids.size);
          expect(state.statements - base.statements).toBe(listed.length);
        },
      ),
      { numRuns: runs({ quick: 25, soak: 250 }) },
    );
  });

  it('lists the same evidence whatever order the files are read in', () => {
    const { g, proposals } = history();
    for (const [i, m] of authors.entries()) g.evidence(m, 45 + i, proposals[i]!);
    const expected = g.derive(90);
    fc.assert(
      fc.property(fc.shuffledSubarray(g.files, { minLength: g.files.length }), (files) => {
        expect(g.derive(90, files)).toEqual(expected);
      }),
      { numRuns: runs({ quick: 20, soak: 200 }) },
    );
  });
});

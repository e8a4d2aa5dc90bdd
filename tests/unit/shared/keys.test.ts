import { describe, expect, it } from 'vitest';
import { makeSigner, MemoryGroup } from '../../helpers/memory-group';

const alice = makeSigner('Alice');
const bob = makeSigner('Bob');

describe('key rotation', () => {
  it('accepts a rotated key from the rotation on and refuses the old one after it', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 3600 });
    const alice2 = { ...makeSigner('Alice'), id: alice.id };
    g.rotate(alice, 1, alice2);
    const p = g.propose(alice2, 2, 'resolution', {});
    g.vote(alice, 2.1, p, 'yes');
    g.vote(alice2, 2.2, p, 'yes');
    const state = g.derive();
    expect(state.members.find((m) => m.id === alice.id)!.publicKey).toBe(alice2.publicKey);
    expect(state.proposals).toHaveLength(1);
    expect(state.quarantined.map((q) => q.reason)).toEqual(['wrong-key']);
    expect(state.proposals[0]!.votes.map((v) => v.voter)).toEqual([alice.id]);
  });

  it('keeps statements a backdated rotation had already seen, and refuses later ones by the old key', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 3600 });
    const p = g.propose(alice, 1, 'resolution', {});
    g.vote(alice, 2, p, 'yes');
    g.vote(bob, 2, p, 'yes');
    g.close(bob, 3, p);
    const alice2 = { ...makeSigner('Alice'), id: alice.id };
    g.rotate(alice, 0.5, alice2); // dated before all of it, made after: its basis holds it all
    const late = g.propose(
      alice,
      4,
      'resolution',
      {},
      'signed with the old key after the rotation',
    );
    const state = g.derive();
    expect(state.proposals.find((x) => x.id === p)).toMatchObject({ status: 'passed' });
    expect(state.quarantined.map((q) => [q.reason, q.id])).toEqual([['wrong-key', late]]);
  });

  it('freezes a member whose key was rotated twice by rotations that did not see each other', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 3600 });
    const base = g.snapshot('before');
    const mine = { ...makeSigner('Alice'), id: alice.id };
    const thief = { ...makeSigner('Alice'), id: alice.id };
    g.rotate(alice, 1, mine);
    g.rotate(alice, 1.5, thief);
    // Each rotation was made on the same old commit: neither saw the other.
    for (const f of g.files.slice(-2)) {
      const st = JSON.parse(new TextDecoder().decode(f.bytes)) as { statement: { basis: string } };
      expect(g.commits.has(st.statement.basis)).toBe(true);
    }
    g.commits.forEach(
      (_ids, commit) => commit !== base && g.commits.set(commit, new Set(g.commits.get(base))),
    );
    g.propose(thief, 2, 'resolution', {}, 'by the thief');
    g.propose(mine, 2, 'resolution', {}, 'by Alice');
    const state = g.derive();
    expect(state.proposals).toEqual([]);
    expect(state.quarantined.map((q) => q.reason).sort()).toEqual([
      'rotation-conflict',
      'rotation-conflict',
      'wrong-key',
      'wrong-key',
    ]);
  });
});

describe('repeated statements', () => {
  it('ignores a second copy of a rotation instead of taking it for a conflict', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 3600 });
    const alice2 = { ...makeSigner('Alice'), id: alice.id };
    g.rotate(alice, 1, alice2);
    g.files.push({ ...g.files.at(-1)! });
    g.propose(alice2, 2, 'resolution', {});
    const state = g.derive();
    expect(state.proposals).toHaveLength(1);
    expect(state.quarantined.map((q) => q.reason)).toEqual(['duplicate-entry']);
  });
});

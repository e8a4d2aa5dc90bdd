import { describe, expect, it } from 'vitest';
import type { GroupSnapshot } from '../../../shared/api-types';
import { applyDelta, diffSnapshots, isDelta } from '../../../shared/group-delta';
import { makeSigner, MemoryGroup } from '../../helpers/memory-group';

const alice = makeSigner('Alice');
const bob = makeSigner('Bob');

const at = (head: string, g: MemoryGroup, files = g.files): GroupSnapshot => ({
  head: head.repeat(40),
  state: g.derive(30, files),
});

describe('a state as the changes since another', () => {
  it('sends the proposals new or changed and the ids gone, and rebuilds the state from them', () => {
    const g = new MemoryGroup([alice, bob], { votingPeriod: 24 * 3600 });
    const p = g.propose(alice, 1, 'resolution', {}, 'Keep minutes');
    const q = g.propose(bob, 2, 'resolution', {}, 'Buy a GPU');
    const gone = g.propose(bob, 3, 'resolution', {}, 'Rename the group');
    const before = at('a', g);
    g.vote(bob, 4, p, 'yes');
    const r = g.propose(alice, 2.5, 'resolution', {}, 'Meet on Fridays');
    // The later state lacks `gone` (a reset head), has a vote on p and a new proposal r.
    const after = at(
      'b',
      g,
      g.files.filter((f) => f.id !== gone),
    );
    const delta = diffSnapshots(before, after);
    expect(isDelta(delta)).toBe(true);
    expect(delta.proposals.changed.map((v) => v.id)).toEqual([p, r]);
    expect(delta.proposals.removed).toEqual([gone]);
    expect(delta.state).not.toHaveProperty('proposals');
    const rebuilt = applyDelta(before, delta)!;
    expect(rebuilt).toEqual(after);
    // In date order, the new proposal between the two it falls between.
    expect(rebuilt.state.proposals.map((v) => v.id)).toEqual([p, q, r]);
    expect(isDelta(rebuilt)).toBe(false);
  });

  it('sends nothing for a state that did not change, and refuses a delta from another head', () => {
    const g = new MemoryGroup([alice, bob]);
    g.propose(alice, 1, 'resolution', {});
    const one = at('a', g);
    const same = at('b', g);
    const delta = diffSnapshots(one, same);
    expect(delta.proposals).toEqual({ changed: [], removed: [] });
    expect(applyDelta(one, delta)).toEqual(same);
    expect(applyDelta(same, delta)).toBeUndefined();
  });
});

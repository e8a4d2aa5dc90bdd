/**
 * A group's state as the changes since a state the client already holds. A vote changes one
 * proposal of thousands; sending the whole state again for it (megabytes for a large group) is
 * what made a live tally slow. The server diffs two states it derived; the client applies the
 * diff to the state it shows and, should the heads not match, asks for the whole state instead.
 */
import type { GroupDelta, GroupSnapshot } from './api-types';
import type { ProposalView } from './derive/state';

const order = (a: ProposalView, b: ProposalView): number =>
  a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** What changed from `before` to `after`: proposals new or changed, and the ids gone. */
export const diffSnapshots = (before: GroupSnapshot, after: GroupSnapshot): GroupDelta => {
  const old = new Map(before.state.proposals.map((p) => [p.id, p]));
  const changed: ProposalView[] = [];
  for (const p of after.state.proposals) {
    const was = old.get(p.id);
    old.delete(p.id);
    // A view judged again is a new object; one kept from the last derivation is the same object.
    if (was !== p && (was === undefined || JSON.stringify(was) !== JSON.stringify(p)))
      changed.push(p);
  }
  const state: Partial<GroupSnapshot['state']> = { ...after.state };
  delete state.proposals;
  return {
    head: after.head,
    since: before.head,
    state: state as GroupDelta['state'],
    proposals: { changed, removed: [...old.keys()] },
  };
};

/** `snapshot` with `delta` applied, or undefined when the delta is not from this snapshot. */
export const applyDelta = (
  snapshot: GroupSnapshot,
  delta: GroupDelta,
): GroupSnapshot | undefined => {
  if (delta.since !== snapshot.head) return undefined;
  const changed = new Map(delta.proposals.changed.map((p) => [p.id, p]));
  const removed = new Set(delta.proposals.removed);
  const proposals: ProposalView[] = [];
  for (const p of snapshot.state.proposals) {
    if (removed.has(p.id)) continue;
    const next = changed.get(p.id);
    changed.delete(p.id);
    proposals.push(next ?? p);
  }
  // New proposals, and any whose date changed place (none can: a proposal's date is signed).
  if (changed.size > 0) {
    proposals.push(...changed.values());
    proposals.sort(order);
  }
  return {
    head: delta.head,
    state: { ...delta.state, proposals },
    ...(delta.epoch !== undefined && { epoch: delta.epoch }),
  };
};

export const isDelta = (x: GroupSnapshot | GroupDelta): x is GroupDelta => 'since' in x;

import type { DerivedState, ModelView, ProposalView, ShareChange } from '../../shared/derive/state';
import { nameOf, percent } from '../common/format';

export type ShareSlice = { member: string; name: string; shares: number; percent: number };

/** A model's owners by name, largest share first, with each share as a percentage. */
export const slicesOf = (
  state: DerivedState | undefined,
  owners: ModelView['owners'],
): ShareSlice[] => {
  const total = owners.reduce((sum, o) => sum + o.shares, 0);
  return owners
    .filter((o) => o.shares > 0)
    .map((o) => ({
      member: o.member,
      name: nameOf(state, o.member),
      shares: o.shares,
      percent: percent(o.shares, total),
    }))
    .sort((a, b) => b.shares - a.shares || a.name.localeCompare(b.name));
};

const MEMBER_ID = /\b[0-9a-f]{64}\b/g;

/** The change as derivation wrote it, with members' ids read as their names. */
export const describeChange = (state: DerivedState | undefined, change: string): string => {
  const text = change.replace(MEMBER_ID, (id) => nameOf(state, id));
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The close that applied the proposal: the winning one, else the only one there is. */
export const closeOf = (proposal: ProposalView | undefined): string | undefined =>
  proposal?.winningClose ?? (proposal?.closes.length === 1 ? proposal.closes[0]?.id : undefined);

/** Every change to a model's shares, newest first (the order derivation applied them, reversed). */
export const newestFirst = (history: ShareChange[]): ShareChange[] => [...history].reverse();

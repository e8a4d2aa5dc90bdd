/** What an attack must not move: the derived outcomes, and the list of what is quarantined. */
import type { Quarantined } from '../../../shared/format/check';
import type { DerivedState } from '../../../shared/derive/state';
import type { Expected } from './forge';

/** Statuses and tallies by title, members and models: what a member reads off the group. */
export const outcomes = (state: DerivedState) => ({
  group: state.group,
  statuses: Object.fromEntries(state.proposals.map((p) => [p.title, p.status])),
  tallies: Object.fromEntries(state.proposals.map((p) => [p.title, p.tally])),
  members: state.members,
  models: state.models,
  statements: state.statements,
});

/** Everything derived but the quarantine list, for an exact comparison with the baseline. */
export const everythingButQuarantine = (state: DerivedState): Omit<DerivedState, 'quarantined'> => {
  const { quarantined, ...rest } = state;
  void quarantined;
  return rest;
};

const byPathThenReason = (a: Expected, b: Expected): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : 1;

export const pairs = (quarantined: Quarantined[] | Expected[]): Expected[] =>
  quarantined.map(({ path, reason }) => ({ path, reason })).sort(byPathThenReason);

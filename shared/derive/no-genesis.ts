import type { DerivedState } from './state';

/**
 * Why a repo has no group, in one sentence: no charter yet (founders still signing), more than
 * one charter (a tree or a history holding two: nothing to sign, something to repair), or a
 * charter that failed its checks.
 */
export const describeNoGenesis = (state: Pick<DerivedState, 'quarantined'>): string => {
  const charters = state.quarantined.filter((q) => q.path === 'charter.json');
  const copies = charters.filter((q) => q.reason === 'duplicate-entry').length;
  if (copies > 0) {
    return (
      `this repo holds ${copies} different charters (charter.json, in its tree or its history), ` +
      'so it has no genesis and no group; a charter is never replaced: keep the history of one ' +
      'group only. `steward verify` names them and the commit that changed charter.json'
    );
  }
  const bad = charters.find((q) => q.reason !== 'no-charter');
  if (bad) {
    return `this repo's charter.json is not valid (${bad.reason}: ${bad.detail}), so it has no group; \`steward verify\` says more`;
  }
  return 'this repo has no charter yet: founders still signing run `steward charter sign`; `steward verify` says what is wrong';
};

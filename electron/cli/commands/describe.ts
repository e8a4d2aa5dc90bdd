/** One-line descriptions of tallies and statuses, for people. */
import type { Tally } from '../../../shared/tally';
import type { DerivedState, ProposalView } from '../../../shared/derive/state';
import type { Rewrite } from '../../core/ledger/history-scan';
import { green, red, yellow, dim } from '../output';

export const describeTally = (t: Tally): string => {
  const quorum = t.quorumMet ? 'quorum met' : 'quorum not met';
  if (t.method === 'yes-no') {
    return `yes ${t.yes} · no ${t.no} · abstain ${t.abstain} of ${t.electorate} (${quorum})`;
  }
  const counts = t.options.map((o, i) => `${o}: ${t.counts[i] ?? 0}`).join(' · ');
  const winner = t.winner === null ? 'no winner' : `winner: ${t.options[t.winner]}`;
  return `${counts} (${t.method}; ${winner}; ${quorum})`;
};

export const describeStatus = (p: Pick<ProposalView, 'status' | 'final' | 'closable'>): string => {
  const colour =
    p.status === 'passed'
      ? green
      : p.status === 'rejected'
        ? red
        : p.status === 'open'
          ? yellow
          : dim;
  const suffix =
    p.status === 'open'
      ? p.closable
        ? ' (closable)'
        : ''
      : p.status === 'withdrawn'
        ? ''
        : p.final
          ? ' (final)'
          : ' (provisional)';
  return colour(p.status) + suffix;
};

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

/** Commits that changed or removed a statement, one per line, and what that means. */
export const describeRewrites = (rewrites: readonly Rewrite[]): string =>
  [
    red(
      `${rewrites.length} ${rewrites.length === 1 ? 'statement was' : 'statements were'} changed or removed by a later commit (statements are never rewritten or removed; each still counts as first committed):`,
    ),
    ...rewrites.map(
      (r) =>
        `  ${`commit ${r.commit.slice(0, 12)}`.padEnd(22)} ${r.change} ${r.path}\n  ${' '.repeat(22)} ${dim(`the ${r.type} ${r.id.slice(0, 12)}, in commit ${r.commit}`)}`,
    ),
  ].join('\n');

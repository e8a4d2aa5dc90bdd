/** One-line descriptions of tallies and statuses, for people. */
import type { Tally } from '../../../shared/tally';
import type { ProposalView } from '../../../shared/derive/state';
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

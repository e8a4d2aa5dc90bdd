/** One-line descriptions of tallies and statuses, for people. */
import type { Tally } from '../../../shared/tally';
import type { ProposalView } from '../../../shared/derive/state';
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

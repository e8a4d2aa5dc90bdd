/**
 * A proposal's outcome in one sentence that never contradicts its status: what happened once it
 * is closed ("Passed 3–0, quorum met", "Rejected: the giver did not consent"), where it stands
 * while open, and the tone its colours take.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { nameOf } from '../common/format';
import { awaitsConsent } from './consent';

export const provisionalMeaning =
  'provisional: counted, but not final until members holding more than half of the weight certify it';

/** " shares" when votes are weighted by shares, else nothing. */
export const unitOf = (p: ProposalView): string => (p.rule.weight === 'shares' ? ' shares' : '');

const isTie = (counts: number[]): boolean => {
  const max = Math.max(0, ...counts);
  return max > 0 && counts.filter((c) => c === max).length > 1;
};

/** One sentence on what happened (or, while open, where it stands), never contradicting status. */
export const outcomeText = (p: ProposalView, state: DerivedState): string => {
  const t = p.tally;
  const unit = unitOf(p);
  switch (p.status) {
    case 'open': {
      const consent = awaitsConsent(p);
      if (t.passed && consent?.required)
        return `Open: the votes would pass it, but not without ${nameOf(state, consent.from)}'s consent`;
      return t.passed
        ? 'Open: it would pass if closed now'
        : 'Open: it would not pass if closed now';
    }
    case 'withdrawn':
      // Only its author can withdraw it (§11.7); withdrawnBy is the withdrawal's id.
      return `Withdrawn by ${nameOf(state, p.author)}`;
    case 'expired':
      return `Expired: quorum not met (${t.participation} of ${t.electorate}${unit} took part)`;
    case 'passed':
      if (t.method === 'yes-no') return `Passed ${t.yes}–${t.no}${unit}, quorum met`;
      return t.winner === null
        ? 'Passed, quorum met'
        : `Passed: “${t.options[t.winner]}” won, quorum met`;
    case 'rejected':
      if (p.reason !== undefined)
        return p.kind === 'transfer-shares'
          ? 'Rejected: the giver did not consent'
          : `Rejected: ${p.reason}`;
      if (t.method !== 'yes-no')
        return isTie(t.counts)
          ? 'Tied: no option won; see the tie rule'
          : 'Rejected: no option won';
      return t.yes === t.no && t.yes > 0
        ? `Rejected ${t.yes}–${t.no}${unit}: a tie does not pass`
        : `Rejected ${t.yes}–${t.no}${unit}`;
  }
};

/** The outcome's tone, for colours: green passed, red rejected or expired, neutral otherwise. */
export const toneOf = (p: ProposalView): 'passed' | 'rejected' | 'neutral' =>
  p.status === 'passed'
    ? 'passed'
    : p.status === 'rejected' || p.status === 'expired'
      ? 'rejected'
      : 'neutral';

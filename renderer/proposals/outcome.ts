/**
 * What a proposal's state means, in words and numbers: the outcome of a close ("Passed 3–0,
 * quorum met"), how far certification has come (docs/format.md §11.10: final when the certifiers'
 * weight is more than half of the electorate's and at least its quorum), and whether a transfer
 * still waits for its giver's consent (§7.6: the author giving their own shares needs none).
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { atLeast, moreThan } from '../../shared/fraction';
import { nameOf } from '../common/format';

export const provisionalMeaning =
  'provisional: counted, but not final until members holding more than half of the weight certify it';

export const certifyMeaning =
  'co-sign this outcome; it becomes final when members holding more than half of the weight have certified';

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

export const winningCloseOf = (p: ProposalView) =>
  p.winningClose === undefined ? undefined : p.closes.find((c) => c.id === p.winningClose);

export type Certification = {
  /** Who certified the winning close, and their weight in the electorate. */
  certifiers: string[];
  weight: number;
  total: number;
  /** The least certifier weight that makes it final. */
  needed: number;
};

/** The smallest weight w with w > total/2 and w ≥ quorum × total (§11.10). */
export const weightNeeded = (total: number, quorum: number): number => {
  let w = Math.floor(total / 2) + 1;
  const byQuorum = Math.ceil(quorum * total);
  if (byQuorum > w) w = byQuorum;
  while (w > 0 && atLeast(w - 1, quorum, total) && moreThan(w - 1, 0.5, total)) w -= 1;
  while (!(atLeast(w, quorum, total) && moreThan(w, 0.5, total))) w += 1;
  return w;
};

export const certificationOf = (p: ProposalView): Certification | undefined => {
  const close = winningCloseOf(p);
  if (close === undefined) return undefined;
  const weights = new Map(p.electorate.map((e) => [e.member, e.weight]));
  const total = p.electorate.reduce((n, e) => n + e.weight, 0);
  const weight = close.certifiedBy.reduce((n, m) => n + (weights.get(m) ?? 0), 0);
  return {
    certifiers: close.certifiedBy,
    weight,
    total,
    needed: weightNeeded(total, p.rule.quorum),
  };
};

/** A member who was one when it opened may certify a provisional winning close once. */
export const mayCertify = (p: ProposalView, me: string | undefined): boolean => {
  const close = winningCloseOf(p);
  return (
    me !== undefined &&
    close !== undefined &&
    !p.final &&
    p.membersAtOpen.includes(me) &&
    !close.certifiedBy.includes(me)
  );
};

export const hasCertified = (p: ProposalView, me: string | undefined): boolean =>
  me !== undefined && (winningCloseOf(p)?.certifiedBy.includes(me) ?? false);

type Transfer = { model: string; from: string; to: string; shares: number };

export const transferOf = (p: ProposalView): Transfer | undefined =>
  p.kind === 'transfer-shares' ? (p.params as Transfer) : undefined;

/**
 * An open transfer whose giver has not consented yet. Only the giver's consent is valid (§11.7),
 * so any consent on the proposal is theirs. It is `required` unless the giver proposed it (§7.6):
 * then the app still asks, and a consent puts it on record, but the close does not depend on it.
 */
export const awaitsConsent = (p: ProposalView): (Transfer & { required: boolean }) | undefined => {
  const t = transferOf(p);
  return t !== undefined && p.status === 'open' && p.consents.length === 0
    ? { ...t, required: p.author !== t.from }
    : undefined;
};

export const modelNameOf = (state: DerivedState, slug: string): string =>
  state.models.find((m) => m.slug === slug)?.name ?? slug;

/** "Consent to give 10 shares of Tiny GPT to Bob". */
export const consentText = (t: Transfer, state: DerivedState): string =>
  `Consent to give ${t.shares.toLocaleString()} share${t.shares === 1 ? '' : 's'} of ${modelNameOf(state, t.model)} to ${nameOf(state, t.to)}`;

export const waitingText = (t: Transfer, state: DerivedState): string =>
  `waiting for ${nameOf(state, t.from)}'s consent`;

/** Open and closable now: its deadline passed, or everyone in the electorate voted. */
export const readyToClose = (p: ProposalView): boolean =>
  p.status === 'open' &&
  (p.closable || p.electorate.every((e) => p.votes.some((v) => v.voter === e.member)));

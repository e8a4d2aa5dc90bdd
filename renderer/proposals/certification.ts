/**
 * How far a provisional close is from final (docs/format.md §11.10): it is certified when the
 * weight of its certifiers in the electorate is more than half of the total and at least the
 * quorum. Who may still certify, and the progress in words.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { atLeast, moreThan } from '../../shared/fraction';
import { nameOf } from '../common/format';

export const certifyMeaning =
  'co-sign this outcome; it becomes final when members holding more than half of the weight have certified';

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

/** "1 of 3 members certified; 1 more needed to make it final" (or "60 of 100 shares …"). */
export const progressText = (p: ProposalView, state: DerivedState): string => {
  const c = certificationOf(p);
  if (c === undefined) return '';
  const unit = p.rule.weight === 'shares' ? 'shares' : 'members';
  const who = c.certifiers.length
    ? ` (${c.certifiers
        .map((m) => nameOf(state, m))
        .sort((a, b) => a.localeCompare(b))
        .join(', ')})`
    : '';
  const have = `${c.weight.toLocaleString()} of ${c.total.toLocaleString()} ${unit} certified${who}`;
  if (p.final) return `${have}: final.`;
  const more = Math.max(0, c.needed - c.weight);
  const what = unit === 'shares' ? ` ${more === 1 ? 'share' : 'shares'}` : '';
  return `${have}; ${more.toLocaleString()} more${what} needed to make it final.`;
};

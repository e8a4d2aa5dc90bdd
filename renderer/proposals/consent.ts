/**
 * A transfer's consent (docs/format.md §7.6, §11.7): only the giver's counts, and it is needed
 * before the close unless the giver proposed the transfer. The sentences the giver and everyone
 * else read about it.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { nameOf } from '../common/format';

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

/** "Alice consented to give 10 shares of Tiny GPT to Bob". */
export const givenText = (t: Transfer, state: DerivedState): string =>
  `${nameOf(state, t.from)} consented to give ${t.shares.toLocaleString()} share${t.shares === 1 ? '' : 's'} of ${modelNameOf(state, t.model)} to ${nameOf(state, t.to)}`;

export const waitingText = (t: Transfer, state: DerivedState): string =>
  `waiting for ${nameOf(state, t.from)}'s consent`;

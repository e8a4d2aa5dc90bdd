/**
 * What Home asks of the signed-in member and what the group waits for, worked out once per
 * snapshot: votes to cast, provisional closes to certify, transfers waiting for consent, proposals
 * ready to close, and recent decisions.
 */
import type { ProposalView } from '../../shared/derive/state';
import { mayCertify } from '../proposals/certification';
import { awaitsConsent } from '../proposals/consent';
import { awaitsVoteFrom, readyToClose } from '../proposals/proposal-query';

const closedStatuses = new Set(['passed', 'rejected', 'expired', 'withdrawn']);

export const summarize = (proposals: ProposalView[], me: string | undefined) => ({
  mine: proposals.filter((p) => awaitsVoteFrom(p, me)),
  certify: proposals.filter((p) => mayCertify(p, me)),
  // Transfers that cannot pass without the giver's consent (not those the giver proposed).
  consent: proposals.filter((p) => awaitsConsent(p)?.required === true),
  ready: proposals.filter(readyToClose),
  decided: proposals
    .filter((p) => closedStatuses.has(p.status))
    .sort((a, b) => b.created.localeCompare(a.created))
    .slice(0, 10),
  open: proposals.filter((p) => p.status === 'open').length,
});

export type Summary = ReturnType<typeof summarize>;

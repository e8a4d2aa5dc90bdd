import type { ProposalView } from '../../shared/derive/state';

/**
 * What changes when a proposal does: statements only add (votes, closes, certifications, evidence,
 * a withdrawal), and the clock moves its status and closability. Title, body and params never
 * change, so they are left out; a miss here only leaves the next start's stale view a little
 * staler until the server answers.
 */
export const fingerprint = (p: ProposalView): string =>
  [
    p.status,
    p.final ? 'f' : '',
    p.closable ? 'c' : '',
    p.votes.length,
    p.votes[p.votes.length - 1]?.id.slice(0, 12) ?? '',
    p.notCounted.length,
    p.closes.length,
    p.closes.reduce((n, c) => n + c.certifiedBy.length, 0),
    p.winningClose?.slice(0, 12) ?? '',
    p.evidence.length,
    p.consents.length,
    p.withdrawnBy ?? '',
    p.effect ? `${p.effect.applied}` : '',
    p.equivocations.length,
    p.reason ?? '',
  ].join('|');

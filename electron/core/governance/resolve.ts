/** Finds proposals, members and evidence by id or by a unique prefix of 6 or more characters. */
import { StewardError } from '../../../shared/errors';
import type {
  DerivedState,
  EvidenceView,
  MemberView,
  ProposalView,
} from '../../../shared/derive/state';

const byPrefix = <T extends { id: string }>(
  items: T[],
  prefix: string,
  what: string,
  whats = `${what}s`,
): T => {
  const wanted = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]{6,64}$/.test(wanted)) {
    throw new StewardError(
      'invalid-argument',
      `"${prefix}" is not ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} id (6 to 64 hex characters)`,
    );
  }
  const found = items.filter((i) => i.id.startsWith(wanted));
  if (found.length === 0) throw new StewardError('not-found', `no ${what} with id ${wanted}`);
  if (found.length > 1) {
    throw new StewardError(
      'ambiguous-id',
      `${wanted} matches ${found.length} ${whats}: give more characters`,
      {
        matches: found.map((f) => f.id),
      },
    );
  }
  return found[0]!;
};

export const findProposal = (state: DerivedState, prefix: string): ProposalView =>
  byPrefix(state.proposals, prefix, 'proposal');

export const findMember = (state: DerivedState, prefix: string): MemberView =>
  byPrefix(state.members, prefix, 'member');

/** Valid evidence, with the proposal it is on. */
export const findEvidence = (
  state: DerivedState,
  prefix: string,
): { proposal: ProposalView; evidence: EvidenceView } => {
  const all = state.proposals.flatMap((proposal) =>
    proposal.evidence.map((evidence) => ({ id: evidence.id, proposal, evidence })),
  );
  const { proposal, evidence } = byPrefix(all, prefix, 'evidence statement', 'evidence statements');
  return { proposal, evidence };
};

export const memberName = (state: DerivedState, id: string): string =>
  state.members.find((m) => m.id === id)?.name ?? id.slice(0, 12);

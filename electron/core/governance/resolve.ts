/** Finds proposals and members by id or by a unique prefix of 6 or more characters. */
import { StewardError } from '../../../shared/errors';
import type { DerivedState, MemberView, ProposalView } from '../../../shared/derive/state';

const byPrefix = <T extends { id: string }>(items: T[], prefix: string, what: string): T => {
  const wanted = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]{6,64}$/.test(wanted)) {
    throw new StewardError(
      'invalid-argument',
      `"${prefix}" is not a ${what} id (6 to 64 hex characters)`,
    );
  }
  const found = items.filter((i) => i.id.startsWith(wanted));
  if (found.length === 0) throw new StewardError('not-found', `no ${what} with id ${wanted}`);
  if (found.length > 1) {
    throw new StewardError(
      'ambiguous-id',
      `${wanted} matches ${found.length} ${what}s: give more characters`,
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

export const memberName = (state: DerivedState, id: string): string =>
  state.members.find((m) => m.id === id)?.name ?? id.slice(0, 12);

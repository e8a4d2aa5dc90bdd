import type { ProposalView, Status } from '../../shared/derive/state';
import type { ProposalKind } from '../../shared/format/kinds';
import type { SortOrder } from './list-store';

export type ProposalQuery = {
  status: Status | 'all';
  kind: ProposalKind | 'all';
  query: string;
  sort: SortOrder;
};

const byNewest = (a: ProposalView, b: ProposalView): number =>
  b.created.localeCompare(a.created) || a.id.localeCompare(b.id);
const byDeadline = (a: ProposalView, b: ProposalView): number =>
  a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id);

/** The proposals a list shows: filtered by status and kind, searched in title and body, sorted. */
export const queryProposals = (proposals: ProposalView[], q: ProposalQuery): ProposalView[] => {
  const words = q.query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = proposals.filter((p) => {
    if (q.status !== 'all' && p.status !== q.status) return false;
    if (q.kind !== 'all' && p.kind !== q.kind) return false;
    if (words.length === 0) return true;
    const text = `${p.title}\n${p.body}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return found.sort(q.sort === 'deadline' ? byDeadline : byNewest);
};

/** Whether `member` may vote on `p` and has not yet. */
export const awaitsVoteFrom = (p: ProposalView, member: string | undefined): boolean =>
  member !== undefined &&
  p.status === 'open' &&
  p.electorate.some((e) => e.member === member) &&
  !p.votes.some((v) => v.voter === member);

/** A poll's options and method; none for any other kind. */
export const pollParams = (
  p: ProposalView,
): { options: string[]; method: 'approval' | 'ranked' } | undefined =>
  p.kind === 'poll' && 'options' in p.params && 'method' in p.params
    ? (p.params as { options: string[]; method: 'approval' | 'ranked' })
    : undefined;

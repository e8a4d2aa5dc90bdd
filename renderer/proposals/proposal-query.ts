import type { ProposalView, Status } from '../../shared/derive/state';
import type { ProposalKind } from '../../shared/format/kinds';
import { matchesWords, queryWords, wordsOf } from '../data/words';
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

/** A sorted copy: the list sorts once per snapshot and order, then filters the sorted rows. */
export const sortProposals = (
  proposals: readonly ProposalView[],
  sort: SortOrder,
): ProposalView[] => [...proposals].sort(sort === 'deadline' ? byDeadline : byNewest);

// Views are replaced, never changed, when the state is fetched again: their words stay valid.
const wordCache = new WeakMap<ProposalView, string[]>();
const wordsOfProposal = (p: ProposalView): string[] => {
  let words = wordCache.get(p);
  if (words === undefined) wordCache.set(p, (words = wordsOf(`${p.title}\n${p.body}`)));
  return words;
};

export type Filter = Omit<ProposalQuery, 'sort'> & {
  /** The ids the cache's word index found for `query`; undefined: search in memory. */
  found?: ReadonlySet<string>;
};

/**
 * The proposals shown, in the order given: by status and kind, and searched by word prefix in
 * title and body, as the cache's index searches (so either gives the same rows).
 */
export const filterProposals = (sorted: readonly ProposalView[], f: Filter): ProposalView[] => {
  const words = queryWords(f.query);
  return sorted.filter((p) => {
    if (f.status !== 'all' && p.status !== f.status) return false;
    if (f.kind !== 'all' && p.kind !== f.kind) return false;
    if (words.length === 0) return true;
    if (f.found !== undefined) return f.found.has(p.id);
    return matchesWords(wordsOfProposal(p), words);
  });
};

/** The proposals a list shows: filtered by status and kind, searched in title and body, sorted. */
export const queryProposals = (proposals: ProposalView[], q: ProposalQuery): ProposalView[] =>
  filterProposals(sortProposals(proposals, q.sort), q);

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

/** Open and closable now: its deadline passed, or everyone in the electorate voted. */
export const readyToClose = (p: ProposalView): boolean =>
  p.status === 'open' &&
  (p.closable || p.electorate.every((e) => p.votes.some((v) => v.voter === e.member)));

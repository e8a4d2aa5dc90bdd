/** Ordering statements, picking each voter's latest vote, and tallying a set of votes. */
import type { CheckedStatement } from '../format/check';
import type { ProposalStatement, VoteStatement } from '../format/types';
import { tallyApproval, tallyRanked, tallyYesNo, type Ballot, type Tally } from '../tally';
import type { Snapshot } from './evaluate';

export const authorOf = (s: CheckedStatement): string =>
  'author' in s.statement ? s.statement.author : '';
export const time = (s: CheckedStatement): number => Date.parse(s.statement.created);
export const earlier = (a: CheckedStatement, b: CheckedStatement): number =>
  time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const tallyOf = (p: ProposalStatement, votes: CheckedStatement[], snap: Snapshot): Tally => {
  const ballots: Ballot[] = votes.map((v) => {
    const st = v.statement as VoteStatement;
    return {
      voter: st.author,
      weight: snap.voters.get(st.author) ?? 0,
      ...('choice' in st ? { choice: st.choice } : { options: st.options }),
    };
  });
  if (p.kind !== 'poll') return tallyYesNo(ballots, snap.total, snap.rule);
  const poll = p.params;
  return poll.method === 'approval'
    ? tallyApproval(ballots, poll.options, snap.total, snap.rule)
    : tallyRanked(ballots, poll.options, snap.total, snap.rule);
};

/**
 * The latest vote of each voter: a vote that names the one it `replaces` comes after it, however
 * the clocks read; between votes not so linked, the later `created`, then the higher id, wins.
 */
export const latestPerVoter = (votes: CheckedStatement[]): CheckedStatement[] => {
  const byId = new Map(votes.map((v) => [v.id, v]));
  const depth = new Map<string, number>();
  const depthOf = (v: CheckedStatement, seen: number): number => {
    const known = depth.get(v.id);
    if (known !== undefined) return known;
    const prev = (v.statement as VoteStatement).replaces;
    const before = prev === undefined ? undefined : byId.get(prev);
    const d =
      before && authorOf(before) === authorOf(v) && seen < votes.length
        ? depthOf(before, seen + 1) + 1
        : 0;
    depth.set(v.id, d);
    return d;
  };
  const latest = new Map<string, CheckedStatement>();
  for (const v of votes) {
    const current = latest.get(authorOf(v));
    if (!current) latest.set(authorOf(v), v);
    else {
      const order = depthOf(v, 0) - depthOf(current, 0) || earlier(v, current);
      if (order > 0) latest.set(authorOf(v), v);
    }
  }
  return [...latest.values()];
};

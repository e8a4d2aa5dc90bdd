/**
 * Tallies: yes/no/abstain with quorum and threshold, and polls by approval or instant-runoff
 * ranked choice. Weights are integers (1 per member, or shares); comparisons are exact.
 */
import { atLeast, moreThan } from './fraction';
import type { Choice } from './format/types';

export type Ballot = { voter: string; weight: number; choice?: Choice; options?: number[] };

export type YesNoTally = {
  method: 'yes-no';
  yes: number;
  no: number;
  abstain: number;
  participation: number;
  electorate: number;
  quorumMet: boolean;
  passed: boolean;
};

export type PollTally = {
  method: 'approval' | 'ranked';
  options: string[];
  /** Approval: approvals per option. Ranked: first preferences in the final round. */
  counts: number[];
  rounds: number[][];
  participation: number;
  electorate: number;
  quorumMet: boolean;
  winner: number | null;
  passed: boolean;
};

export type Tally = YesNoTally | PollTally;

type Rule = { quorum: number; threshold: number };

export const tallyYesNo = (ballots: Ballot[], electorate: number, rule: Rule): YesNoTally => {
  let yes = 0;
  let no = 0;
  let abstain = 0;
  for (const b of ballots) {
    if (b.choice === 'yes') yes += b.weight;
    else if (b.choice === 'no') no += b.weight;
    else abstain += b.weight;
  }
  const participation = yes + no + abstain;
  const quorumMet = electorate > 0 && atLeast(participation, rule.quorum, electorate);
  const passed = quorumMet && yes + no > 0 && moreThan(yes, rule.threshold, yes + no);
  return { method: 'yes-no', yes, no, abstain, participation, electorate, quorumMet, passed };
};

const uniqueMax = (counts: number[]): number | null => {
  const max = Math.max(...counts);
  if (max <= 0) return null;
  const at = counts.flatMap((c, i) => (c === max ? [i] : []));
  return at.length === 1 ? at[0]! : null;
};

export const tallyApproval = (
  ballots: Ballot[],
  options: string[],
  electorate: number,
  rule: Rule,
): PollTally => {
  const counts = options.map(() => 0);
  let participation = 0;
  for (const b of ballots) {
    participation += b.weight;
    for (const o of new Set(b.options ?? [])) if (o < counts.length) counts[o]! += b.weight;
  }
  const quorumMet = electorate > 0 && atLeast(participation, rule.quorum, electorate);
  const winner = uniqueMax(counts);
  return {
    method: 'approval',
    options,
    counts,
    rounds: [counts],
    participation,
    electorate,
    quorumMet,
    winner,
    passed: quorumMet && winner !== null,
  };
};

/**
 * Instant runoff: each round counts every ballot for its highest-ranked option still running; an
 * option with more than half of the ballots still counting wins, otherwise the option with the
 * fewest votes is eliminated (of several tied, the one listed last in the proposal). When every
 * option still running is tied, there is no winner.
 */
export const tallyRanked = (
  ballots: Ballot[],
  options: string[],
  electorate: number,
  rule: Rule,
): PollTally => {
  const participation = ballots.reduce((sum, b) => sum + b.weight, 0);
  const quorumMet = electorate > 0 && atLeast(participation, rule.quorum, electorate);
  const running = new Set(options.map((_, i) => i));
  const rounds: number[][] = [];
  let winner: number | null = null;
  while (running.size > 0) {
    const counts = options.map(() => 0);
    let live = 0;
    for (const b of ballots) {
      const top = (b.options ?? []).find((o) => running.has(o));
      if (top !== undefined) {
        counts[top]! += b.weight;
        live += b.weight;
      }
    }
    rounds.push(counts);
    if (live === 0) break;
    const leader = [...running].find((o) => moreThan(counts[o]!, 0.5, live));
    if (leader !== undefined) {
      winner = leader;
      break;
    }
    const still = [...running].map((o) => counts[o]!);
    const low = Math.min(...still);
    // Every option still running is tied: no rule can fairly pick one, so there is no winner.
    if (low === Math.max(...still)) break;
    const out = [...running].filter((o) => counts[o] === low).pop()!;
    running.delete(out);
  }
  return {
    method: 'ranked',
    options,
    counts: rounds[rounds.length - 1] ?? options.map(() => 0),
    rounds,
    participation,
    electorate,
    quorumMet,
    winner,
    passed: quorumMet && winner !== null,
  };
};

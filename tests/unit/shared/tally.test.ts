import { describe, expect, it } from 'vitest';
import { atLeast, moreThan, toFraction } from '../../../shared/fraction';
import { tallyApproval, tallyRanked, tallyYesNo, type Ballot } from '../../../shared/tally';

const yesNo = (choices: string, weights?: number[]): Ballot[] =>
  [...choices].map((c, i) => ({
    voter: `m${i}`,
    weight: weights?.[i] ?? 1,
    choice: c === 'y' ? 'yes' : c === 'n' ? 'no' : 'abstain',
  }));

describe('fraction', () => {
  it.each([
    [0.5, 5n, 10n],
    [0.6, 6n, 10n],
    [1, 1n, 1n],
    [0, 0n, 1n],
    [1e-7, 1n, 10000000n],
    [0.333333, 333333n, 1000000n],
  ])('reads %s exactly as a decimal', (value, num, den) => {
    const f = toFraction(value);
    expect(f.num * den).toBe(num * f.den);
  });

  it('compares without float rounding where floats would err', () => {
    // 0.6 × 5 is 3.0000000000000004 in floating point.
    expect(atLeast(3, 0.6, 5)).toBe(true);
    expect(moreThan(3, 0.6, 5)).toBe(false);
    expect(atLeast(7, 0.7, 10)).toBe(true);
  });

  it.each([NaN, Infinity, -0.1])('refuses %s', (value) => {
    expect(() => toFraction(value)).toThrow();
  });
});

describe('tallyYesNo', () => {
  const rule = { quorum: 0.5, threshold: 0.5 };
  it.each([
    ['yyn', 3, true, true],
    ['yn', 2, true, false],
    ['y', 3, false, false],
    ['ya', 4, true, true],
    ['aa', 4, true, false],
    ['', 4, false, false],
  ])('tallies %s of %i voters: quorum %s, passed %s', (votes, electorate, quorumMet, passed) => {
    expect(tallyYesNo(yesNo(votes), electorate, rule)).toMatchObject({ quorumMet, passed });
  });

  it('meets quorum exactly at the fraction and not one weight below', () => {
    expect(tallyYesNo(yesNo('yy'), 4, rule).quorumMet).toBe(true);
    expect(tallyYesNo(yesNo('y'), 4, rule).quorumMet).toBe(false);
    expect(tallyYesNo(yesNo('yyy'), 10, { quorum: 0.3, threshold: 0.5 }).quorumMet).toBe(true);
  });

  it('needs more than the threshold of yes among yes and no', () => {
    const twoThirds = { quorum: 0, threshold: 0.66 };
    expect(tallyYesNo(yesNo('yyn'), 3, twoThirds).passed).toBe(true);
    expect(tallyYesNo(yesNo('yyn'), 3, { quorum: 0, threshold: 0.67 }).passed).toBe(false);
    expect(tallyYesNo(yesNo('yyyy'), 4, { quorum: 0, threshold: 1 }).passed).toBe(false);
  });

  it('weighs by shares', () => {
    const t = tallyYesNo(yesNo('ynn', [70, 20, 10]), 100, rule);
    expect(t).toMatchObject({ yes: 70, no: 30, participation: 100, passed: true });
  });

  it('has no quorum in an empty electorate', () => {
    expect(tallyYesNo([], 0, { quorum: 0, threshold: 0 })).toMatchObject({
      quorumMet: false,
      passed: false,
    });
  });
});

describe('tallyApproval', () => {
  const opts = ['a', 'b', 'c'];
  const b = (options: number[], weight = 1): Ballot => ({
    voter: String(options),
    weight,
    options,
  });

  it('picks the option with the most approval weight', () => {
    const t = tallyApproval([b([0, 1]), b([1]), b([2], 3)], opts, 5, {
      quorum: 0.5,
      threshold: 0.5,
    });
    expect(t).toMatchObject({ counts: [1, 2, 3], winner: 2, passed: true });
  });

  it('has no winner on a tie for most approvals', () => {
    expect(tallyApproval([b([0]), b([1])], opts, 2, { quorum: 0, threshold: 0 }).winner).toBeNull();
  });

  it('counts an empty ballot towards quorum only', () => {
    const t = tallyApproval([b([]), b([0])], opts, 4, { quorum: 0.5, threshold: 0 });
    expect(t).toMatchObject({ participation: 2, quorumMet: true, counts: [1, 0, 0], winner: 0 });
  });
});

describe('tallyRanked', () => {
  const opts = ['a', 'b', 'c', 'd'];
  const r = (options: number[], weight = 1): Ballot => ({
    voter: String(options),
    weight,
    options,
  });
  const rule = { quorum: 0, threshold: 0 };

  it('elects a majority of first preferences in one round', () => {
    expect(tallyRanked([r([1]), r([1, 0]), r([0])], opts, 3, rule)).toMatchObject({
      winner: 1,
      rounds: [[1, 2, 0, 0]],
    });
  });

  it('eliminates the weakest and transfers its ballots', () => {
    const t = tallyRanked([r([0]), r([0]), r([1]), r([1]), r([2, 1])], opts, 5, rule);
    // d has no first preference and goes first; then c, whose ballot moves to b.
    expect(t.rounds).toEqual([
      [2, 2, 1, 0],
      [2, 2, 1, 0],
      [2, 3, 0, 0],
    ]);
    expect(t.winner).toBe(1);
  });

  it('eliminates the option listed last among those tied for fewest', () => {
    const t = tallyRanked([r([0]), r([0]), r([1]), r([2]), r([3, 2])], opts, 5, rule);
    // Round 1: a2 b1 c1 d1 → d out; round 2: a2 b1 c2 → b out; round 3: a2 c2 → a tie.
    expect(t.rounds).toEqual([
      [2, 1, 1, 1],
      [2, 1, 2, 0],
      [2, 0, 2, 0],
    ]);
    expect(t.winner).toBeNull();
  });

  it('ignores exhausted ballots in the majority', () => {
    const t = tallyRanked([r([0]), r([0]), r([1]), r([2])], opts.slice(0, 3), 4, rule);
    // round 1: 2/1/1 → c out (listed last of the tied); c's ballot is exhausted; a has 2 of 3.
    expect(t.winner).toBe(0);
  });
});

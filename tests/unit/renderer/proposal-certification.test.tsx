import { describe, expect, it } from 'vitest';
import { weightNeeded } from '../../../renderer/proposals/certification';
import { atLeast, moreThan } from '../../../shared/fraction';

/** The rule of docs/format.md §11.10, checked weight by weight. */
const certifies = (w: number, total: number, quorum: number) =>
  moreThan(w, 0.5, total) && atLeast(w, quorum, total);

describe('weightNeeded', () => {
  it.each([
    [3, 0.5, 2],
    [2, 0.5, 2],
    [4, 0.5, 3],
    [100, 0.5, 51],
    [100, 0.6, 60],
    [100, 0.67, 67],
    [10, 1, 10],
    [10, 0, 6],
    [1, 0.5, 1],
    [7, 0.3, 4],
    [1_000_000_000_000, 0.1, 500_000_000_001],
  ])('with a total of %d and a quorum of %d, needs %d', (total, quorum, needed) => {
    expect(weightNeeded(total, quorum)).toBe(needed);
  });

  it('is the least weight that certifies, whatever the total and quorum', () => {
    for (let total = 1; total <= 60; total++)
      for (const quorum of [0, 0.1, 0.25, 1 / 3, 0.5, 0.51, 0.6, 2 / 3, 0.75, 0.99, 1]) {
        const w = weightNeeded(total, quorum);
        expect(certifies(w, total, quorum)).toBe(true);
        expect(certifies(w - 1, total, quorum)).toBe(false);
      }
  });
});

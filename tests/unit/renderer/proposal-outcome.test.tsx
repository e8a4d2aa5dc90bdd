// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Choice } from '../../../shared/format/types';
import { MemoryGroup } from '../../helpers/memory-group';
import { ProposalDetail } from '../../../renderer/proposals/ProposalDetail';
import { ann, ben, cat, MemoryClient, renderAlone } from './decide-fake';

afterEach(cleanup);

/** A resolution with these votes (Ann, Ben, Cat), closed by Ann unless `open`. */
const resolution = (votes: (Choice | undefined)[], open = false) => {
  const g = new MemoryGroup([ann, ben, cat]);
  const p = g.propose(ann, 1, 'resolution', {}, 'Buy a GPU');
  [ann, ben, cat].forEach((s, i) => {
    const choice = votes[i];
    if (choice) g.vote(s, 2 + i, p, choice);
  });
  if (!open) g.close(ann, 100, p);
  return { g, p };
};

const show = async (g: MemoryGroup, p: string) => {
  await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(cat), <ProposalDetail id={p} />);
  return {
    outcome: screen.getByTestId('proposal-outcome').textContent,
    threshold: screen.getByTestId('tally-threshold').textContent,
    tone: screen.getByTestId('tally-bar').getAttribute('data-tone'),
  };
};

describe('What happened, in words that agree with the status', () => {
  it('says a pass with its count and quorum, never "would pass"', async () => {
    const { g, p } = resolution(['yes', 'yes', 'yes']);
    const seen = await show(g, p);
    expect(seen.outcome).toBe('Passed 3–0, quorum met · provisional');
    expect(seen.threshold).not.toMatch(/would/);
    expect(seen.tone).toBe('passed');
  });

  it('says a rejection with its count', async () => {
    const { g, p } = resolution(['yes', 'no', 'no']);
    const seen = await show(g, p);
    expect(seen.outcome).toBe('Rejected 1–2 · provisional');
    expect(seen.tone).toBe('rejected');
    expect(screen.getByTestId('proposal-status').textContent).toBe('rejected');
  });

  it('says a quorum was not met', async () => {
    const { g, p } = resolution(['yes']);
    const seen = await show(g, p);
    expect(seen.outcome).toBe('Expired: quorum not met (1 of 3 took part) · provisional');
    expect(seen.tone).toBe('rejected');
  });

  it('says "would pass now" only while open, in a neutral bar', async () => {
    const { g, p } = resolution(['yes', 'yes'], true);
    const seen = await show(g, p);
    expect(seen.outcome).toBe('Open: it would pass if closed now');
    expect(seen.threshold).toMatch(/: would pass now\.$/);
    expect(seen.tone).toBe('neutral');
    expect(screen.queryByText('provisional')).toBeNull();
  });

  it('says who withdrew it, here and in the history', async () => {
    const { g, p } = resolution(['yes'], true);
    g.withdraw(ann, 50, p);
    expect((await show(g, p)).outcome).toBe('Withdrawn by Ann');
    expect(screen.getAllByTestId('history-item').at(-1)?.textContent?.trim()).toBe(
      'Ann withdrew it',
    );
  });

  it('says a poll tied and explains the tie rule', async () => {
    const g = new MemoryGroup([ann, ben, cat]);
    const p = g.propose(ann, 1, 'poll', { options: ['Mon', 'Tue'], method: 'approval' });
    g.vote(ann, 2, p, [0]);
    g.vote(ben, 3, p, [1]);
    g.close(ann, 100, p);
    const seen = await show(g, p);
    expect(seen.outcome).toBe('Tied: no option won; see the tie rule · provisional');
    expect(screen.getByTestId('tie-rule').textContent).toMatch(/^The tie rule: /);
  });

  it('explains "provisional" where it shows, and drops it once final', async () => {
    const { g, p } = resolution(['yes', 'yes', 'yes']);
    await show(g, p);
    expect(screen.getByText('provisional').getAttribute('title')).toBe(
      'provisional: counted, but not final until members holding more than half of the weight certify it',
    );
    expect(screen.getByTestId('provisional-meaning').textContent).toBe(
      'Provisional: counted, but not final until members holding more than half of the weight certify it.',
    );
    cleanup();
    const close = new MemoryClient(g, [ann]).state.proposals[0]!.winningClose!;
    g.certify(ann, 101, p, close);
    g.certify(ben, 102, p, close);
    expect((await show(g, p)).outcome).toBe('Passed 3–0, quorum met · final');
    expect(screen.queryByTestId('provisional-meaning')).toBeNull();
  });
});

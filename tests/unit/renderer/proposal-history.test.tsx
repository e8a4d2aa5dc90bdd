// @vitest-environment jsdom
/** The detail page's history: every event oldest first, and what was set aside under it. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Quarantined } from '../../../shared/format/check';
import {
  historyOf,
  ProposalHistory,
  setAsideOf,
} from '../../../renderer/proposals/ProposalHistory';
import { alice, bob, groupState, proposal } from './fake-client';

afterEach(cleanup);

const closed = proposal({
  id: 'd'.repeat(64),
  author: alice.id,
  created: '2026-03-01T10:00:00.000Z',
  votes: [
    { id: 'v2', voter: bob.id, created: '2026-03-01T12:00:00.000Z', choice: 'no', weight: 1 },
    { id: 'v1', voter: alice.id, created: '2026-03-01T11:00:00.000Z', choice: 'yes', weight: 1 },
  ],
  closes: [
    {
      id: 'c'.repeat(64),
      author: alice.id,
      created: '2026-03-02T10:00:00.000Z',
      basis: 'e'.repeat(40),
      counted: ['v1', 'v2'],
      certifiedBy: [bob.id],
      certified: true,
      tally: proposal().tally,
    },
  ],
  effect: { applied: true, at: '2026-03-02T10:00:00.000Z' },
  final: true,
});

const foreign = (path: string, proposalId?: string): Quarantined => ({
  ok: false,
  path,
  reason: 'bad-signature',
  detail: 'the signature does not verify',
  ...(proposalId && { proposal: proposalId }),
  author: bob.id,
});

describe('the history of a proposal', () => {
  it('lists opening, votes, close with certifiers and effect, oldest first, by name', () => {
    const state = groupState([closed]);
    expect(historyOf(closed, state).map((e) => e.text)).toEqual([
      'Alice opened it',
      'Alice voted',
      'Bob voted',
      'Alice closed it (close cccccccc); certified by Bob, final',
      'its effect was applied',
    ]);
  });

  it('says an effect applied on a provisional outcome stands only once it is certified', () => {
    const provisional = proposal({ ...closed, final: false });
    expect(historyOf(provisional, groupState([provisional])).at(-1)?.text).toBe(
      'its effect was applied, provisionally: it stands once the outcome is certified',
    );
  });

  it('ends with a withdrawal, which the state keeps undated', () => {
    const withdrawn = proposal({ ...closed, closes: [], effect: undefined, withdrawnBy: alice.id });
    const events = historyOf(withdrawn, groupState([withdrawn]));
    expect(events.at(-1)).toEqual({ key: `withdrawn-${withdrawn.id}`, text: 'Alice withdrew it' });
  });

  it('shows what was set aside under this proposal alone, with the reason', () => {
    const dir = `proposals/${closed.id.slice(0, 2)}/${closed.id}`;
    const state = {
      ...groupState([closed]),
      quarantined: [
        foreign(`${dir}/votes/x.json`),
        foreign('proposals/ff/other/votes/y.json', 'f'.repeat(64)),
        foreign('elsewhere.json', closed.id),
      ],
    };
    expect(setAsideOf(closed, state).map((q) => q.path)).toEqual([
      `${dir}/votes/x.json`,
      'elsewhere.json',
    ]);
    render(<ProposalHistory proposal={closed} state={state} />);
    expect(screen.getAllByTestId('history-item')).toHaveLength(5);
    const items = screen.getAllByTestId('quarantined-item');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toBe('bad-signature by Bob: the signature does not verify');
  });
});

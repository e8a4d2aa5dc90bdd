// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryGroup } from '../../helpers/memory-group';
import { ProposalDetail } from '../../../renderer/proposals/ProposalDetail';
import { ann, ben, cat, MemoryClient, renderAlone, transferGroup } from './decide-fake';

afterEach(cleanup);

/** A resolution Ann and Ben voted yes on, closed by Ann: provisional until two certify. */
const closedResolution = () => {
  const g = new MemoryGroup([ann, ben, cat]);
  const p = g.propose(ann, 1, 'resolution', {}, 'Buy a GPU');
  g.vote(ann, 2, p, 'yes');
  g.vote(ben, 3, p, 'yes');
  g.close(ann, 100, p);
  return { g, p };
};

describe('Certify on the proposal page', () => {
  it('offers Certify with its meaning and progress, and says so once certified', async () => {
    const { g, p } = closedResolution();
    const client = new MemoryClient(g, [ann, ben, cat]).as(ben);
    expect(client.state.proposals[0]).toMatchObject({ status: 'passed', final: false });
    await renderAlone(client, <ProposalDetail id={p} />);
    const button = screen.getByRole('button', { name: 'Certify' });
    expect(button.className).toBe('primary');
    expect(
      screen.getByText(/^co-sign this outcome; it becomes final when members holding/),
    ).toBeDefined();
    expect(screen.getByTestId('certify-progress').textContent).toBe(
      '0 of 3 members certified; 2 more needed to make it final.',
    );
    expect(screen.getByTestId('proposal-outcome').textContent).toBe(
      'Passed 2–0, quorum met · provisional',
    );
    expect(screen.getByText('provisional').getAttribute('title')).toMatch(
      /^provisional: counted, but not final until members holding more than half/,
    );

    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Certify' })).toBeNull());
    expect(client.callsTo('proposals:certify')).toEqual([{ proposal: p }]);
    expect(screen.getByTestId('certified-by-me').textContent).toBe('You certified this outcome.');
    expect(screen.getByTestId('certify-progress').textContent).toBe(
      '1 of 3 members certified (Ben); 1 more needed to make it final.',
    );
  });

  it('turns final when enough weight certified, with no button left', async () => {
    const { g, p } = closedResolution();
    const client = new MemoryClient(g, [ann, ben, cat]).as(cat);
    client.memory.certify(ann, 101, p, client.state.proposals[0]!.winningClose!);
    client.rederive();
    await renderAlone(client, <ProposalDetail id={p} />);
    fireEvent.click(screen.getByRole('button', { name: 'Certify' }));
    await waitFor(() =>
      expect(screen.getByTestId('proposal-outcome').textContent).toBe(
        'Passed 2–0, quorum met · final',
      ),
    );
    expect(screen.queryByRole('button', { name: 'Certify' })).toBeNull();
    expect(screen.getByTestId('certify-progress').textContent).toBe(
      '2 of 3 members certified (Ann, Cat): final.',
    );
  });

  it('offers no Certify to a read-only visitor, but shows the progress', async () => {
    const { g, p } = closedResolution();
    const client = new MemoryClient(g, [ann, ben, cat]);
    await renderAlone(client, <ProposalDetail id={p} />);
    expect(screen.queryByRole('button', { name: 'Certify' })).toBeNull();
    expect(screen.getByTestId('certify-progress')).toBeDefined();
  });

  it('tells a member outside a share-weighted electorate that their certification adds no weight', async () => {
    const { g, p } = transferGroup();
    g.consent(ann, 30, p);
    g.close(ben, 100, p);
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(cat), <ProposalDetail id={p} />);
    expect(screen.getByRole('button', { name: 'Certify' })).toBeDefined();
    expect(screen.getByTestId('certify-progress').textContent).toBe(
      '0 of 100 shares certified; 51 more shares needed to make it final.',
    );
    expect(screen.getByTestId('certify-no-weight')).toBeDefined();
  });
});

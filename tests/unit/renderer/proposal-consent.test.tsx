// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProposalDetail } from '../../../renderer/proposals/ProposalDetail';
import { ann, ben, cat, MemoryClient, renderAlone, transferGroup } from './decide-fake';

afterEach(cleanup);

describe('Consent on a transfer', () => {
  it('lets the giver consent, saying what they give', async () => {
    const { g, p } = transferGroup();
    const client = new MemoryClient(g, [ann, ben, cat]).as(ann);
    await renderAlone(client, <ProposalDetail id={p} />);
    const button = screen.getByRole('button', { name: 'Consent' });
    expect(button.className).toBe('primary');
    expect(screen.getByTestId('consent-panel').textContent).toBe(
      'ConsentConsent to give 10 shares of Tiny GPT to Cat.',
    );
    expect(screen.getByTestId('consent-waiting').textContent).toBe(
      "This transfer is waiting for Ann's consent: it cannot pass without it.",
    );
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Consent' })).toBeNull());
    expect(client.callsTo('proposals:consent')).toEqual([{ proposal: p }]);
    expect(screen.queryByTestId('consent-waiting')).toBeNull();
    expect(screen.queryByTestId('close-consent-warning')).toBeNull();
    // Given, it shows: a consent leaves a trace on the page.
    expect(screen.getByTestId('consent-given').textContent).toBe(
      '✓ Ann consented to give 10 shares of Tiny GPT to Cat.',
    );
  });

  it('offers a giver who proposed it the consent, saying it needs none, and warns of nothing', async () => {
    const { g } = transferGroup();
    const own = g.propose(ann, 30, 'transfer-shares', {
      model: 'tiny-gpt',
      from: ann.id,
      to: cat.id,
      shares: 5,
    });
    g.vote(ann, 31, own, 'yes');
    g.vote(ben, 32, own, 'yes');
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(ann), <ProposalDetail id={own} />);
    expect(screen.getByRole('button', { name: 'Consent' })).toBeDefined();
    expect(screen.queryByTestId('consent-waiting')).toBeNull();
    expect(screen.getByTestId('consent-not-needed').textContent).toBe(
      'Ann proposed this transfer of their own shares, which stands as their consent; consenting as well puts it on record.',
    );
    expect(screen.queryByTestId('close-consent-warning')).toBeNull();
  });

  it('shows everyone else that it waits, warns on Close, and says why it was rejected', async () => {
    const { g, p } = transferGroup();
    const client = new MemoryClient(g, [ann, ben, cat]).as(ben);
    await renderAlone(client, <ProposalDetail id={p} />);
    expect(screen.queryByRole('button', { name: 'Consent' })).toBeNull();
    const tally = screen.getByRole('region', { name: 'Tally' });
    expect(within(tally).getByTestId('consent-waiting').textContent).toBe(
      "This transfer is waiting for Ann's consent: it cannot pass without it.",
    );
    expect(screen.getByTestId('close-consent-warning').textContent).toBe(
      'Closing now rejects this transfer: Ann has not consented, though the votes would pass it.',
    );
    expect(screen.getByTestId('tally-threshold').textContent).toMatch(
      /would pass now by the votes\.$/,
    );
    expect(screen.getByTestId('proposal-outcome').textContent).toBe(
      "Open: the votes would pass it, but not without Ann's consent",
    );
    fireEvent.click(screen.getByTestId('close-proposal'));
    await waitFor(() => expect(screen.getByTestId('proposal-status').textContent).toBe('rejected'));
    expect(screen.getByTestId('proposal-outcome').textContent).toBe(
      'Rejected: the giver did not consent · provisional',
    );
    expect(screen.getByTestId('tally-threshold').textContent).not.toMatch(/would/);
    expect(screen.getByTestId('tally-bar').getAttribute('data-tone')).toBe('rejected');
  });

  it('counts a share-weighted tally in shares', async () => {
    const { g, p } = transferGroup();
    const client = new MemoryClient(g, [ann, ben, cat]).as(cat);
    await renderAlone(client, <ProposalDetail id={p} />);
    const figures = screen.getByTestId('tally-yes').closest('dd')!;
    expect(figures.textContent).toBe('100 shares');
    expect(screen.getByTestId('tally-quorum').textContent).toMatch(
      /^Participation 100 of 100 shares/,
    );
    expect(
      screen
        .getAllByTestId('vote-item')
        .map((li) => li.textContent)
        .every((t) => / \((60|40) shares\)/.test(t ?? '')),
    ).toBe(true);
  });
});

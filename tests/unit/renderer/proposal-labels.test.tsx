// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProposalDetail } from '../../../renderer/proposals/ProposalDetail';
import { ProposalFilters } from '../../../renderer/proposals/ProposalFilters';
import { ProposalRow } from '../../../renderer/proposals/ProposalRow';
import { MemoryGroup } from '../../helpers/memory-group';
import { ann, ben, cat, MemoryClient, renderAlone, transferGroup } from './decide-fake';

afterEach(cleanup);

describe('Kinds in words', () => {
  it('labels the kind on the page, with the raw id only in its tooltip', async () => {
    const { g, p } = transferGroup();
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(cat), <ProposalDetail id={p} />);
    const kind = screen.getByTestId('proposal-kind');
    expect(kind.textContent).toBe('Transfer shares');
    expect(kind.getAttribute('title')).toMatch(/^Moves shares of a model .*\(transfer-shares\)$/);
    expect(screen.getByRole('article').textContent).not.toMatch(/transfer-shares/);
  });

  it('labels the list filter and the rows', async () => {
    const { g } = transferGroup();
    const client = new MemoryClient(g, [ann]);
    await renderAlone(
      client,
      <>
        <ProposalFilters />
        {client.state.proposals.map((p) => (
          <ProposalRow key={p.id} proposal={p} selected={false} now={0} onPick={() => {}} />
        ))}
      </>,
    );
    const options = [...screen.getByTestId<HTMLSelectElement>('filter-kind').options];
    expect(options.find((o) => o.value === 'add-member')?.textContent).toBe('Add a member');
    expect(options.find((o) => o.value === 'amend-charter')?.textContent).toBe(
      'Change the charter',
    );
    expect(options.every((o) => o.value === 'all' || o.textContent !== o.value)).toBe(true);
    const kinds = screen
      .getAllByTestId('proposal-row')
      .map((r) => r.querySelector('.kind')?.textContent);
    expect(kinds.sort()).toEqual(['Register a model', 'Transfer shares']);
  });
});

describe('Ballots as they were cast', () => {
  const poll = (method: 'approval' | 'ranked') => {
    const g = new MemoryGroup([ann, ben, cat]);
    const p = g.propose(ann, 1, 'poll', { options: ['Mon', 'Tue', 'Wed'], method });
    g.vote(ann, 2, p, [0, 2]);
    g.vote(ben, 3, p, [2, 0, 1]);
    return { g, p };
  };
  const ballots = () => screen.getAllByTestId('ballot').map((b) => b.textContent);

  it('lists approvals, never with ">"', async () => {
    const { g, p } = poll('approval');
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(ann), <ProposalDetail id={p} />);
    expect(ballots()).toEqual(['approves Mon and Wed', 'approves Mon, Tue and Wed']);
    expect(screen.getByTestId('vote-current').textContent).toMatch(/^You voted Mon and Wed /);
  });

  it('shows a ranking in its order with ">", never with commas', async () => {
    const { g, p } = poll('ranked');
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(ben), <ProposalDetail id={p} />);
    expect(ballots()).toEqual(['ranked Mon > Wed', 'ranked Wed > Mon > Tue']);
    expect(screen.getByTestId('vote-current').textContent).toMatch(/^You voted Wed > Mon > Tue /);
  });
});

describe('One primary action', () => {
  it('makes Close the primary action once it is ready, and only it', async () => {
    const { g, p } = transferGroup();
    g.consent(ann, 30, p);
    await renderAlone(new MemoryClient(g, [ann, ben, cat]).as(ben), <ProposalDetail id={p} />);
    const primaries = document.querySelectorAll('.primary');
    expect([...primaries].map((b) => b.textContent)).toEqual(['Close and count']);
  });

  it('offers nothing primary to a read-only visitor', async () => {
    const { g, p } = transferGroup();
    await renderAlone(new MemoryClient(g, [ann]), <ProposalDetail id={p} />);
    expect(document.querySelectorAll('.primary')).toHaveLength(0);
  });
});

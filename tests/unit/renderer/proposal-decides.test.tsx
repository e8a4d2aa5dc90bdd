// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Decides } from '../../../renderer/decides/Decides';
import { keyFingerprint } from '../../../renderer/decides/words';
import { ProposalDetail } from '../../../renderer/proposals/ProposalDetail';
import { makeSigner, MemoryGroup } from '../../helpers/memory-group';
import { ann, ben, cat, MemoryClient, renderAlone, transferGroup } from './decide-fake';

afterEach(cleanup);

const rows = () =>
  Object.fromEntries(
    screen
      .getAllByRole('term')
      .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']),
  );

describe('What this decides', () => {
  it('names who joins with their key fingerprint, on the proposal page', async () => {
    const g = new MemoryGroup([ann, ben]);
    const dan = makeSigner('Dan');
    const p = g.propose(ann, 1, 'add-member', { name: 'Dan', key: dan.publicKey });
    await renderAlone(new MemoryClient(g, [ann, ben]).as(ben), <ProposalDetail id={p} />);
    const block = screen.getByTestId('decides');
    expect(screen.getByRole('heading', { name: 'What this decides' })).toBeDefined();
    expect(within(block).getByText('Dan')).toBeDefined();
    const key = within(block).getByText(keyFingerprint(dan.publicKey));
    expect(key.getAttribute('title')).toBe(dan.publicKey);
    expect(keyFingerprint(dan.publicKey)).toMatch(/^(\S{4} ){4}… \S{4}$/);
  });

  it('shows each charter setting old → new while open, and what it set once closed', () => {
    const g = new MemoryGroup([ann, ben, cat]);
    const p = g.propose(ann, 1, 'amend-charter', {
      changes: [
        { key: 'rules.add-member.quorum', value: 0.6 },
        { key: 'rules.poll.votingPeriod', value: 7 * 86400 },
      ],
    });
    const open = g.derive();
    const view = open.proposals[0]!;
    render(<Decides proposal={view} state={open} />);
    expect(
      within(screen.getByTestId('decides-changes'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Quorum for “Add a member”: 50% → 60%',
      'Voting period for “Poll”: 3 days → 1 week',
    ]);
    cleanup();
    for (const s of [ann, ben, cat]) g.vote(s, 2, p, 'yes');
    g.close(ann, 100, p);
    const closed = g.derive();
    render(<Decides proposal={closed.proposals[0]!} state={closed} />);
    expect(
      within(screen.getByTestId('decides-changes'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Quorum for “Add a member”: 60%', 'Voting period for “Poll”: 1 week']);
  });

  it('lists a model’s licence, owners and every file with its size when known and hash', () => {
    const state = new MemoryGroup([ann, ben]).derive();
    render(
      <Decides
        proposal={{
          kind: 'register-model',
          params: {
            model: 'tiny-gpt',
            name: 'Tiny GPT',
            license: 'MIT',
            owners: [
              { member: ann.id, shares: 75 },
              { member: ben.id, shares: 25 },
            ],
            version: '1.0',
            files: [
              { path: 'config.json', sha256: 'a'.repeat(64) },
              { path: 'model.onnx', sha256: 'b'.repeat(64), size: 3 * 1024 * 1024 },
            ],
          },
        }}
        state={state}
      />,
    );
    expect(rows()).toMatchObject({
      Model: 'Tiny GPT (tiny-gpt)',
      Licence: 'MIT',
      Owners: 'Ann: 75 shares (75%)Ben: 25 shares (25%)',
      'First version': '1.0',
    });
    expect(
      within(screen.getByTestId('decides-files'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`config.json ${'a'.repeat(64)}`, `model.onnx 3.0 MB ${'b'.repeat(64)}`]);
  });

  it('shows a transfer’s giver, receiver, shares and model by name', () => {
    const { g } = transferGroup();
    const state = g.derive();
    const transfer = state.proposals.find((p) => p.kind === 'transfer-shares')!;
    render(<Decides proposal={transfer} state={state} />);
    expect(rows()).toEqual({
      Model: 'Tiny GPT (tiny-gpt)',
      Giver: 'Ann',
      Receiver: 'Cat',
      Shares: '10 (of the 60 the giver holds)',
    });
  });

  it('shows an approved purpose and a poll’s options', () => {
    const state = new MemoryGroup([ann]).derive();
    render(
      <Decides
        proposal={{
          kind: 'approve-use',
          params: { model: 'x', version: '2', purpose: 'Support replies' },
        }}
        state={state}
      />,
    );
    expect(rows()).toMatchObject({ Version: '2', Purpose: 'Support replies' });
    cleanup();
    render(
      <Decides
        proposal={{ kind: 'poll', params: { options: ['Mon', 'Tue'], method: 'ranked' } }}
        state={state}
      />,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Mon', 'Tue']);
    expect(rows().Method).toMatch(/^Ranked choice/);
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, carol, FakeClient, groupState } from './fake-client';
import { renderApp } from './render-app';

afterEach(cleanup);

const openForm = async (client = new FakeClient(groupState()).signInAs(alice)) => {
  renderApp(client, '#/new');
  await screen.findByTestId('new-kind');
  return client;
};
const set = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('NewProposal', () => {
  it('creates a resolution and opens its page', async () => {
    const client = await openForm();
    set('new-title', 'Adopt a code of conduct');
    set('new-body', 'As discussed.\nSee the draft.');
    fireEvent.click(screen.getByTestId('new-submit'));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/proposals\/[0-9a-f]{64}$/));
    expect(client.callsTo('proposals:create')).toEqual([
      {
        kind: 'resolution',
        title: 'Adopt a code of conduct',
        body: 'As discussed.\nSee the draft.',
        params: {},
      },
    ]);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(
      'Adopt a code of conduct',
    );
  });

  it('refuses an empty title before sending anything', async () => {
    const client = await openForm();
    fireEvent.click(screen.getByTestId('new-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe('Give the proposal a title.');
    expect(client.callsTo('proposals:create')).toEqual([]);
  });

  it('sends a poll with the options added, blanks dropped', async () => {
    const client = await openForm();
    set('new-kind', 'poll');
    set('new-title', 'Meeting day');
    set('new-option-0', 'Monday');
    set('new-option-1', 'Tuesday');
    fireEvent.click(screen.getByTestId('new-add-option'));
    fireEvent.click(screen.getByTestId('new-add-option'));
    set('new-option-2', 'Friday');
    set('new-method', 'ranked');
    fireEvent.click(screen.getByTestId('new-submit'));
    await waitFor(() => expect(client.callsTo('proposals:create')).toHaveLength(1));
    expect(client.callsTo('proposals:create')[0]).toMatchObject({
      kind: 'poll',
      params: { options: ['Monday', 'Tuesday', 'Friday'], method: 'ranked' },
    });
  });

  it('refuses to transfer more shares than the owner holds', async () => {
    const client = await openForm();
    set('new-kind', 'transfer-shares');
    set('new-title', 'Give Carol a stake');
    set('new-model', 'tiny-bert');
    set('new-from', bob.id);
    set('new-to', carol.id);
    set('new-shares', '41');
    fireEvent.click(screen.getByTestId('new-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That owner holds only 40 shares of tiny-bert.',
    );
    expect(client.callsTo('proposals:create')).toEqual([]);
    set('new-shares', '40');
    fireEvent.click(screen.getByTestId('new-submit'));
    await waitFor(() => expect(client.callsTo('proposals:create')).toHaveLength(1));
    expect(client.callsTo('proposals:create')[0]).toMatchObject({
      kind: 'transfer-shares',
      params: { model: 'tiny-bert', from: bob.id, to: carol.id, shares: 40 },
    });
  });

  it('points to the command line for kinds the form does not write', async () => {
    await openForm();
    set('new-kind', 'add-member');
    expect(screen.getByText(/Use the command line for now/)).toBeDefined();
    expect(screen.queryByTestId('new-submit')).toBeNull();
  });

  it('shows the human message when a non-member submits', async () => {
    const client = new FakeClient(groupState()).signInAs(alice);
    client.session = { ...client.session, member: false };
    await openForm(client);
    set('new-title', 'Let me in');
    fireEvent.click(screen.getByTestId('new-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You are not a member of this group, so you cannot write.',
    );
  });
});

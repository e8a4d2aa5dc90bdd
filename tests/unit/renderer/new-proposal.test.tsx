// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, carol, FakeClient, groupState } from './fake-client';
import { expectRefusal, openForm, previewAndSign, set } from './new-proposal-helpers';

afterEach(cleanup);

describe('NewProposal', () => {
  it('creates a resolution after its preview and opens its page', async () => {
    const client = await openForm();
    set('new-title', 'Adopt a code of conduct');
    set('new-body', 'As discussed.\nSee the draft.');
    fireEvent.click(screen.getByTestId('new-preview'));
    expect((await screen.findByTestId('preview-title')).textContent).toBe(
      'Adopt a code of conduct',
    );
    expect(screen.getByTestId('preview-kind').textContent).toBe('Resolution');
    expect(screen.getByTestId('preview-kind').title).toBe('resolution');
    expect(client.callsTo('proposals:create')).toEqual([]);
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

  it('goes back to the form, as typed, when Edit is pressed in the preview', async () => {
    await openForm();
    set('new-kind', 'poll');
    set('new-title', 'Meeting day');
    set('new-option-0', 'Monday');
    set('new-option-1', 'Tuesday');
    fireEvent.click(screen.getByTestId('new-preview'));
    expect((await screen.findByTestId('preview-params')).textContent).toMatch(
      /MondayTuesday.*Approval/,
    );
    fireEvent.click(screen.getByTestId('new-edit'));
    expect(screen.getByTestId<HTMLInputElement>('new-option-1').value).toBe('Tuesday');
    expect(screen.getByTestId<HTMLSelectElement>('new-kind').value).toBe('poll');
  });

  it('refuses an empty title before sending anything', async () => {
    const client = await openForm();
    await expectRefusal(client, 'Give the proposal a title.');
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
    expect(await previewAndSign(client)).toMatchObject({
      kind: 'poll',
      params: { options: ['Monday', 'Tuesday', 'Friday'], method: 'ranked' },
    });
  });

  it('refuses poll options that differ only in case, as the app does', async () => {
    const client = await openForm();
    set('new-kind', 'poll');
    set('new-title', 'Meeting day');
    set('new-option-0', 'Monday');
    set('new-option-1', ' monday');
    await expectRefusal(client, 'Each option must be different.');
  });

  it('refuses to transfer more shares than the owner holds', async () => {
    const client = await openForm();
    set('new-kind', 'transfer-shares');
    set('new-title', 'Give Carol a stake');
    set('new-model', 'tiny-bert');
    set('new-from', bob.id);
    set('new-to', carol.id);
    set('new-shares', '41');
    await expectRefusal(client, 'That owner holds only 40 shares of tiny-bert.');
    set('new-shares', '40');
    expect(await previewAndSign(client)).toMatchObject({
      kind: 'transfer-shares',
      params: { model: 'tiny-bert', from: bob.id, to: carol.id, shares: 40 },
    });
  });

  it('shows the human message when a non-member signs, in the preview', async () => {
    const client = new FakeClient(groupState()).signInAs(alice);
    client.session = { ...client.session, member: false };
    await openForm(client);
    set('new-title', 'Let me in');
    fireEvent.click(screen.getByTestId('new-preview'));
    fireEvent.click(await screen.findByTestId('new-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You are not a member of this group, so you cannot write.',
    );
    expect(screen.getByTestId('preview-step')).toBeDefined();
  });

  it('shows the app’s refusal when it finds what the form could not', async () => {
    const client = await openForm();
    client.failNext.set('proposals:create', {
      code: 'invalid-argument',
      message: 'this add-member cannot be proposed: already a member',
      data: {},
    });
    set('new-kind', 'add-member');
    set('new-title', 'Add Dan');
    set('new-key', 'A'.repeat(43));
    set('new-name', 'Dan');
    fireEvent.click(screen.getByTestId('new-preview'));
    fireEvent.click(await screen.findByTestId('new-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'this add-member cannot be proposed: already a member',
    );
  });

  it('works without drafts, and says so, where the browser has no IndexedDB', async () => {
    await openForm();
    expect((await screen.findByTestId('drafts-off')).textContent).toMatch(/keeps no drafts/);
    set('new-title', 'Typed anyway');
    expect(screen.queryByTestId('draft-row')).toBeNull();
  });
});

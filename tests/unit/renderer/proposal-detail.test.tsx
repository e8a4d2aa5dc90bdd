// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, carol, FakeClient, groupState, proposal } from './fake-client';
import { renderApp } from './render-app';

afterEach(cleanup);

const openDetail = async (client: FakeClient, id: string) => {
  renderApp(client, `#/proposals/${id}`);
  await screen.findByTestId('proposal-status');
};

const figure = (testId: string) => screen.getByTestId(testId).textContent;

describe('ProposalDetail', () => {
  it('shows status, body lines, author and the tally figures', async () => {
    const p = proposal({ title: 'Buy a GPU', body: 'Line one\nLine two', author: bob.id });
    const client = new FakeClient(groupState([p])).signInAs(alice);
    client.castVote(p.id, carol.id, 'no');
    await openDetail(client, p.id);
    expect(figure('proposal-status')).toBe('open');
    expect(screen.getByTestId('proposal-body').textContent).toBe('Line one\nLine two');
    expect(screen.getByTestId('proposal-kind').textContent).toBe('Resolution');
    expect(screen.getByText(/by Bob/)).toBeDefined();
    expect([figure('tally-yes'), figure('tally-no'), figure('tally-abstain')]).toEqual([
      '0',
      '1',
      '0',
    ]);
    expect(figure('tally-quorum')).toMatch(/Participation 1 of 3 .*not met/);
  });

  it('votes yes with a reason through proposals:vote and shows the new tally', async () => {
    const p = proposal();
    const client = new FakeClient(groupState([p])).signInAs(alice);
    await openDetail(client, p.id);
    fireEvent.change(screen.getByTestId('vote-reason'), { target: { value: ' Worth it ' } });
    fireEvent.click(screen.getByTestId('vote-yes'));
    await waitFor(() => expect(figure('tally-yes')).toBe('1'));
    expect(client.callsTo('proposals:vote')).toEqual([
      { proposal: p.id, choice: 'yes', reason: 'Worth it' },
    ]);
    expect(screen.getAllByTestId('vote-item')[0]?.textContent).toMatch(/Alice: yes/);
    // The panel says what counts now, and that voting again replaces it.
    expect(screen.getByTestId('vote-current').textContent).toMatch(
      /^You voted yes .*\. Voting again replaces it\.$/,
    );
    expect(screen.getByTestId('vote-yes').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('vote-no').getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByTestId('vote-no'));
    await waitFor(() =>
      expect(screen.getByTestId('vote-no').getAttribute('aria-pressed')).toBe('true'),
    );
    expect(screen.getByTestId('vote-current').textContent).toMatch(/^You voted no /);
  });

  it('updates the tally without a reload when the group changes', async () => {
    const p = proposal();
    const client = new FakeClient(groupState([p])).signInAs(alice);
    await openDetail(client, p.id);
    expect(figure('tally-no')).toBe('0');
    client.castVote(p.id, bob.id, 'no');
    client.castVote(p.id, carol.id, 'no');
    act(() => client.emitChange());
    await waitFor(() => expect(figure('tally-no')).toBe('2'));
    expect(figure('tally-quorum')).toMatch(/met\.$/);
    expect(figure('tally-quorum')).not.toMatch(/not met/);
    // The second time it asks for the changes since the state it shows.
    expect(client.callsTo('group:get')).toEqual([{}, { since: 'h0', epoch: 'run-1' }]);
    // The server restarted: a new run, so the whole state, not changes from another run's.
    client.epoch = 'run-2';
    client.castVote(p.id, alice.id, 'yes');
    act(() => client.emitChange());
    await waitFor(() => expect(figure('tally-yes')).toBe('1'));
    expect(client.callsTo('group:get')).toEqual([
      {},
      { since: 'h0', epoch: 'run-1' },
      { since: 'h2', epoch: 'run-1' },
    ]);
    const last = client.calls.filter((c) => c.channel === 'group:get').length;
    client.castVote(p.id, carol.id, 'yes');
    act(() => client.emitChange());
    await waitFor(() => expect(figure('tally-yes')).toBe('2'));
    expect(client.callsTo('group:get')[last]).toEqual({ since: 'h3', epoch: 'run-2' });
  });

  it('asks for the whole state after an empty repo (head ""), never for changes since ""', async () => {
    const p = proposal();
    const client = new FakeClient(groupState([p])).signInAs(alice);
    client.head = '';
    await openDetail(client, p.id);
    client.castVote(p.id, bob.id, 'no');
    act(() => client.emitChange());
    await waitFor(() => expect(figure('tally-no')).toBe('1'));
    expect(client.callsTo('group:get')).toEqual([{}, {}]);
  });

  it('asks for the whole state when the changes sent are not from the state it shows', async () => {
    const p = proposal();
    const client = new FakeClient(groupState([p])).signInAs(alice);
    await openDetail(client, p.id);
    client.castVote(p.id, bob.id, 'no');
    // The server answers from another head than the one shown (it moved on meanwhile).
    const shown = client.served.get('h0')!;
    client.served.set('h0', { ...shown, head: 'elsewhere' });
    act(() => client.emitChange());
    await waitFor(() => expect(figure('tally-no')).toBe('1'));
    expect(client.callsTo('group:get')).toEqual([{}, { since: 'h0', epoch: 'run-1' }, {}]);
  });

  it('shows the human message when the server refuses a vote', async () => {
    const p = proposal();
    const client = new FakeClient(groupState([p])).signInAs(alice);
    client.failNext.set('proposals:vote', { code: 'not-a-member', message: 'raw', data: {} });
    await openDetail(client, p.id);
    fireEvent.click(screen.getByTestId('vote-no'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You are not a member of this group, so you cannot write.',
    );
    expect(figure('tally-no')).toBe('0');
  });

  it('submits a poll ballot as option indexes', async () => {
    const p = proposal({
      kind: 'poll',
      params: { options: ['Mon', 'Tue', 'Wed'], method: 'approval' },
    });
    const client = new FakeClient(groupState([p])).signInAs(alice);
    await openDetail(client, p.id);
    expect(screen.queryByTestId('vote-yes')).toBeNull();
    fireEvent.click(screen.getByTestId('vote-option-2'));
    fireEvent.click(screen.getByTestId('vote-option-0'));
    fireEvent.click(screen.getByTestId('vote-submit'));
    await waitFor(() =>
      expect(client.callsTo('proposals:vote')).toEqual([{ proposal: p.id, options: [0, 2] }]),
    );
  });

  it('lets the author withdraw and closes once everyone voted', async () => {
    const p = proposal();
    const client = new FakeClient(groupState([p])).signInAs(alice);
    await openDetail(client, p.id);
    expect(screen.getByTestId<HTMLButtonElement>('close-proposal').disabled).toBe(true);
    expect(screen.getByTestId('withdraw-proposal')).toBeDefined();
    client.castVote(p.id, bob.id, 'yes');
    client.castVote(p.id, carol.id, 'yes');
    client.castVote(p.id, alice.id, 'yes');
    act(() => client.emitChange());
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('close-proposal').disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId('close-proposal'));
    await waitFor(() => expect(figure('proposal-status')).toBe('passed'));
    expect(client.callsTo('proposals:close')).toEqual([{ proposal: p.id }]);
    expect(screen.queryByTestId('withdraw-proposal')).toBeNull();
  });

  it('shows no vote or action buttons when read-only', async () => {
    const p = proposal();
    const client = new FakeClient(groupState([p]));
    renderApp(client, `#/proposals/${p.id}`);
    fireEvent.click(await screen.findByTestId('signin-readonly'));
    await screen.findByTestId('proposal-status');
    expect(screen.getByTestId('session-name').textContent).toBe('read-only');
    expect(screen.queryByTestId('vote-yes')).toBeNull();
    expect(screen.queryByTestId('close-proposal')).toBeNull();
  });
});

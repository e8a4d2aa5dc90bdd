// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { tallyApproval, tallyYesNo } from '../../../shared/tally';
import { alice, bob, carol, groupState, proposal } from './fake-client';
import { renderApp } from './render-app';
import { HostFake } from './review-fake';

afterEach(cleanup);

const first = proposal({
  id: 'b1'.padStart(64, '0'),
  title: 'Welcome Dana',
  kind: 'add-member',
  body: 'Dana has run the **lab** for a year.',
  params: { name: 'Dana', key: 'MCowBQYDK2VwAyEA'.padEnd(60, 'x') },
  created: '2026-11-20T10:00:00.000Z',
});
const second = proposal({
  id: 'b2'.padStart(64, '0'),
  title: 'Second',
  created: '2026-11-21T10:00:00.000Z',
});

const appHost = () => new HostFake(groupState([first, second])).signInAs(alice).asAppHost();

describe('hosting a review session from the app', () => {
  it('opens the app to the network only once the host confirms it', async () => {
    const client = appHost();
    renderApp(client, '#/review');
    const start = await screen.findByRole('button', { name: 'Host this session' });
    expect(start.className).toBe('primary');
    expect(screen.queryByTestId('presenter-url')).toBeNull();
    fireEvent.click(start);
    expect(
      screen.getByText(/Other devices on this network will be able to reach Steward/),
    ).toBeTruthy();
    // Cancel opens nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(client.callsTo('review:host')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Host this session' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open to this network' }));
    await waitFor(() =>
      expect(screen.getByTestId('presenter-url').textContent).toBe('http://192.168.1.20:41234'),
    );
    expect(client.callsTo('review:host')).toEqual([{ open: true }]);
    expect(screen.getByTestId('presenter-code').textContent).toBe('K7Q2MXAB');
    expect(screen.getByTestId('presenter-qr').getAttribute('aria-label')).toBe(
      'QR code for http://192.168.1.20:41234/#/review',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stop hosting' }));
    await screen.findByRole('button', { name: 'Host this session' });
    expect(client.callsTo('review:host')).toEqual([{ open: true }, { open: false }]);
    expect(screen.queryByTestId('presenter-code')).toBeNull();
  });

  it('says in words why the room could not open', async () => {
    const client = appHost();
    client.failNext.set('review:host', {
      code: 'network',
      message: "this computer is on no network: join the room's Wi-Fi or cable, then host again",
      data: {},
    });
    renderApp(client, '#/review');
    fireEvent.click(await screen.findByRole('button', { name: 'Host this session' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open to this network' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/on no network/);
  });

  it('offers no hosting to a participant', async () => {
    const client = new HostFake(groupState([first])).signInAs(bob);
    renderApp(client, '#/review');
    await waitFor(() => expect(screen.getByTestId('presenter-code').textContent).toBe('K7Q2MX'));
    expect(screen.queryByRole('button', { name: 'Host this session' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop hosting' })).toBeNull();
  });
});

describe('the wall', () => {
  it('shows what the proposal says and what it decides', async () => {
    renderApp(appHost(), `#/review/${first.id}`);
    expect((await screen.findByTestId('presenter-title')).textContent).toBe('Welcome Dana');
    expect(screen.getByTestId('presenter-body').textContent).toMatch(/Dana has run the lab/);
    expect(screen.getByRole('heading', { name: 'What this decides' })).toBeTruthy();
    const decides = screen.getByTestId('decides');
    expect(decides.textContent).toMatch(/Joins\s*Dana/);
    // The kind in words; its id only in the tooltip.
    expect(screen.getByText('Add a member').getAttribute('title')).toMatch(/add-member/);
  });

  it('tells the server which proposal the host shows', async () => {
    const client = appHost();
    renderApp(client, `#/review/${first.id}`);
    await waitFor(() => expect(client.callsTo('review:present')).toEqual([{ proposal: first.id }]));
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() =>
      expect(client.callsTo('review:present')).toEqual([
        { proposal: first.id },
        { proposal: second.id },
      ]),
    );
  });

  it('says what happened to a closed proposal, not where the vote stands', async () => {
    const closed = proposal({
      id: 'b3'.padStart(64, '0'),
      title: 'Done',
      status: 'passed',
      tally: {
        ...tallyYesNo([], 3, first.rule),
        yes: 2,
        no: 1,
        participation: 3,
        quorumMet: true,
        passed: true,
      },
    });
    renderApp(new HostFake(groupState([closed])).signInAs(alice), `#/review/${closed.id}`);
    expect((await screen.findByTestId('presenter-outcome')).textContent).toBe(
      'Passed 2–1, quorum met.',
    );
  });

  it('lists approved options with commas, not as a ranking', async () => {
    const options = ['Tuesday', 'Thursday', 'Friday'];
    const votes = [
      { id: 'v1', voter: bob.id, created: '2026-11-21T10:00:00.000Z', options: [2, 0], weight: 1 },
    ];
    const poll = proposal({
      id: 'b4'.padStart(64, '0'),
      kind: 'poll',
      title: 'When do we meet?',
      params: { options, method: 'approval' },
      votes,
      tally: tallyApproval(votes, options, 3, first.rule),
    });
    renderApp(new HostFake(groupState([poll])).signInAs(alice), `#/review/${poll.id}`);
    await screen.findByTestId('presenter-title');
    expect(screen.getByTestId('presenter-voter').textContent).toBe('Bob: Friday, Tuesday');
  });
});

describe('a participant in the room', () => {
  it('lands on the proposal on the wall and follows the presenter to the next', async () => {
    const client = new HostFake(groupState([first, second])).signInAs(carol);
    client.review = { ...client.review, presenting: first.id };
    renderApp(client, '#/review');
    await waitFor(() => expect(window.location.hash).toBe(`#/review/${first.id}`));
    expect((await screen.findByTestId('presenter-title')).textContent).toBe('Welcome Dana');
    expect(screen.getByTestId('wall-note').textContent).toBe(
      'On the wall now: your screen follows the presenter.',
    );
    act(() => client.presentElsewhere(second.id));
    await waitFor(() => expect(window.location.hash).toBe(`#/review/${second.id}`));
    await waitFor(() => expect(screen.getByTestId('presenter-title').textContent).toBe('Second'));
    // A participant tells the wall nothing.
    expect(client.callsTo('review:present')).toEqual([]);
  });
});

describe('a participant who looks elsewhere', () => {
  it('is offered the way back to the wall', async () => {
    const client = new HostFake(groupState([first, second])).signInAs(carol);
    client.review = { ...client.review, presenting: first.id };
    renderApp(client, `#/review/${second.id}`);
    await waitFor(() =>
      expect(screen.getByTestId('wall-note').textContent).toMatch(/showing another proposal/),
    );
    // Arriving on a proposal of their choice, they stay on it until the presenter moves.
    expect(window.location.hash).toBe(`#/review/${second.id}`);
    expect(screen.getByRole('link', { name: 'Go to it' }).getAttribute('href')).toBe(
      `#/review/${first.id}`,
    );
  });
});

// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alice, bob, carol, FakeClient, groupState, proposal } from './fake-client';
import { renderApp } from './render-app';

afterEach(cleanup);

const ALICE_KEY = 'aLiCeKeY0123456789abcdefghijklmnopqrstuvwxy';
const BOB_KEY = 'bObKeY-_0123456789abcdefghijklmnopqrstuvwxy';
const CAROL_KEY = 'cArOlKeY123456789abcdefghijklmnopqrstuvwxyz';

const addCarol = proposal({
  id: '5'.repeat(64),
  kind: 'add-member',
  title: 'Welcome Carol',
  author: bob.id,
  status: 'passed',
});

/** Alice and Bob founded the group; Carol came in later by Bob's proposal. */
const state = () => {
  const s = groupState([addCarol]);
  const group = s.group!.id;
  s.members = [
    {
      id: carol.id,
      name: 'Carol',
      publicKey: CAROL_KEY,
      joined: '2026-03-01T00:00:00.000Z',
      addedBy: addCarol.id,
    },
    {
      id: bob.id,
      name: 'Bob',
      publicKey: BOB_KEY,
      joined: '2026-01-01T00:00:00.000Z',
      addedBy: group,
    },
    {
      id: alice.id,
      name: 'Alice',
      publicKey: ALICE_KEY,
      joined: '2026-01-01T00:00:00.000Z',
      addedBy: group,
    },
  ];
  return s;
};

const cells = () =>
  screen
    .getAllByTestId('member-row')
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('MembersView', () => {
  it('says when each member joined, in words', async () => {
    renderApp(new FakeClient(state()).signInAs(alice), '#/members');
    await screen.findAllByTestId('member-row');
    const joined = cells().map((row) => row[4]);
    expect(joined[0]).toMatch(/^(January 1, 2026|1 January 2026)$/);
    expect(joined[2]).toMatch(/^(March 1, 2026|1 March 2026)$/);
    expect(screen.getByRole('columnheader', { name: 'Key fingerprint' })).toBeDefined();
  });

  it('offers a member one primary action: propose a new member', async () => {
    renderApp(new FakeClient(state()).signInAs(alice), '#/members');
    const propose = await screen.findByRole('button', { name: 'Propose a new member' });
    expect(propose.className).toBe('primary');
    fireEvent.click(propose);
    await waitFor(() => expect(window.location.hash).toBe('#/new'));
  });

  it('offers no write to someone looking on (the demo, read-only)', async () => {
    const client = new FakeClient(state());
    renderApp(client, '#/members');
    fireEvent.click(await screen.findByTestId('signin-readonly'));
    await screen.findAllByTestId('member-row');
    expect(screen.queryByRole('button', { name: 'Propose a new member' })).toBeNull();
    expect(screen.getByTestId('members-readonly').textContent).toMatch(/not a member/);
  });

  it('lists members by join date with their origin and the shares they hold', async () => {
    renderApp(new FakeClient(state()).signInAs(alice), '#/members');
    await screen.findAllByTestId('member-row');
    const [a, b, c] = cells();
    expect(a?.[0]).toBe('Alice');
    expect(a?.[3]).toBe('FounderOwns Tiny BERT (60 of 100 shares)');
    expect(b?.[0]).toBe('Bob');
    expect(b?.[3]).toBe('FounderOwns Tiny BERT (40 of 100 shares)');
    expect(c?.[0]).toBe('Carol');
    expect(c?.[3]).toBe('Added by Bob (Welcome Carol)');
    expect(screen.getByRole('link', { name: 'Welcome Carol' }).getAttribute('href')).toBe(
      `#/proposals/${addCarol.id}`,
    );
  });

  it('shows ids and keys short, whole on hover, and copies the whole id', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp(new FakeClient(state()).signInAs(alice), '#/members');
    await screen.findAllByTestId('member-row');
    expect(screen.getByTitle(alice.id).textContent).toBe(alice.id.slice(0, 8));
    // A key as its fingerprint: the same grouping the proposal page and Settings show.
    expect(screen.getByTitle(ALICE_KEY).textContent).toBe('aLiC eKeY 0123 4567 … vwxy');
    fireEvent.click(screen.getByRole('button', { name: "Copy Alice's id" }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied'));
    expect(writeText).toHaveBeenCalledWith(alice.id);
  });

  it('tells how to copy by hand when the browser refuses the clipboard', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('not allowed')));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp(new FakeClient(state()).signInAs(alice), '#/members');
    fireEvent.click(await screen.findByRole('button', { name: "Copy Bob's public key" }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/Select the id/));
  });
});

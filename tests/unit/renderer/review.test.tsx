// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, carol, groupState, proposal } from './fake-client';
import { renderApp } from './render-app';
import { HostFake } from './review-fake';

afterEach(cleanup);

const first = proposal({
  id: 'a1'.padStart(64, '0'),
  title: 'First',
  created: '2026-11-20T10:00:00.000Z',
});
const closed = proposal({ id: 'a2'.padStart(64, '0'), title: 'Done', status: 'passed' });
const second = proposal({
  id: 'a3'.padStart(64, '0'),
  title: 'Second',
  created: '2026-11-21T10:00:00.000Z',
});

const host = () => new HostFake(groupState([second, closed, first])).signInAs(alice);
const text = (testId: string) => screen.getByTestId(testId).textContent;

describe('ReviewView', () => {
  it('offers the open proposals, oldest first, to present', async () => {
    renderApp(host(), '#/review');
    await waitFor(() => expect(screen.getAllByTestId('review-pick')).toHaveLength(2));
    expect(
      screen.getAllByTestId('review-pick').map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['First', `#/review/${first.id}`],
      ['Second', `#/review/${second.id}`],
    ]);
  });

  it('shows the proposal, its tally and who voted how, live as votes land', async () => {
    const client = host();
    client.castVote(first.id, bob.id, 'no');
    renderApp(client, `#/review/${first.id}`);
    expect((await screen.findByTestId('presenter-title')).textContent).toBe('First');
    expect([text('presenter-yes'), text('presenter-no'), text('presenter-abstain')]).toEqual([
      '0',
      '1',
      '0',
    ]);
    expect(text('presenter-quorum')).toBe('Quorum not met');
    expect(text('presenter-waiting')).toBe('Waiting for Alice, Carol');
    client.castVote(first.id, carol.id, 'yes');
    client.castVote(first.id, alice.id, 'yes');
    act(() => client.emitChange());
    await waitFor(() => expect(text('presenter-yes')).toBe('2'));
    expect(text('presenter-quorum')).toBe('Quorum met');
    expect(text('presenter-outcome')).toBe('Would pass now');
    expect(screen.getAllByTestId('presenter-voter').map((v) => v.textContent)).toEqual([
      'Bob: no',
      'Carol: yes',
      'Alice: yes',
    ]);
    expect(screen.queryByTestId('presenter-waiting')).toBeNull();
  });

  it('shows how to join: address, code and a QR code drawn as SVG', async () => {
    renderApp(host(), `#/review/${first.id}`);
    await waitFor(() => expect(text('presenter-code')).toBe('K7Q2MX'));
    expect(text('presenter-url')).toBe('http://192.168.1.20:8787/');
    const qr = screen.getByTestId('presenter-qr');
    expect(qr.tagName.toLowerCase()).toBe('svg');
    // The camera lands on the review screen, which follows the wall.
    expect(qr.getAttribute('aria-label')).toBe('QR code for http://192.168.1.20:8787/#/review');
    // A version-2 symbol or larger: dozens of dark modules, no image element.
    expect(qr.querySelectorAll('rect').length).toBeGreaterThan(100);
    expect(qr.querySelector('image')).toBeNull();
  });

  it('moves along the open proposals with the arrow keys', async () => {
    renderApp(host(), `#/review/${first.id}`);
    await screen.findByTestId('presenter-title');
    expect(screen.getByTestId('presenter-previous').getAttribute('aria-disabled')).toBe('true');
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() => expect(text('presenter-title')).toBe('Second'));
    expect(window.location.hash).toBe(`#/review/${second.id}`);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    await waitFor(() => expect(text('presenter-title')).toBe('First'));
  });

  it('says so when the proposal does not exist', async () => {
    renderApp(host(), `#/review/${'9'.repeat(64)}`);
    expect((await screen.findByText(/No proposal 99999999/)).getAttribute('role')).toBe('alert');
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, FakeClient, groupState, proposal } from './fake-client';
import { renderApp } from './render-app';

const rows = () => screen.getAllByTestId('proposal-row');
const ids = () => rows().map((r) => r.dataset.id);

const fixtures = () => {
  const budget = proposal({
    id: '01'.repeat(32),
    title: 'Budget for GPUs',
    created: '2026-11-01T00:00:00.000Z',
    deadline: '2026-12-30T00:00:00.000Z',
  });
  const logo = proposal({
    id: '02'.repeat(32),
    title: 'New logo',
    body: 'A friendlier budget line',
    created: '2026-11-02T00:00:00.000Z',
    deadline: '2026-12-10T00:00:00.000Z',
  });
  const passed = proposal({
    id: '03'.repeat(32),
    title: 'Adopt licence',
    status: 'passed',
    created: '2026-11-03T00:00:00.000Z',
  });
  const poll = proposal({
    id: '04'.repeat(32),
    kind: 'poll',
    title: 'Meeting day',
    params: { options: ['Mon', 'Tue'], method: 'approval' },
    created: '2026-11-04T00:00:00.000Z',
  });
  return { budget, logo, passed, poll, all: [budget, logo, passed, poll] };
};

const open = async (client: FakeClient) => {
  renderApp(client.signInAs(alice), '#/proposals');
  await screen.findAllByTestId('proposal-row');
};

afterEach(cleanup);

describe('ProposalList', () => {
  it('lists proposals newest first and sorts by deadline when asked', async () => {
    const f = fixtures();
    await open(new FakeClient(groupState(f.all)));
    expect(ids()).toEqual([f.poll.id, f.passed.id, f.logo.id, f.budget.id]);
    fireEvent.change(screen.getByTestId('filter-sort'), { target: { value: 'deadline' } });
    expect(ids()[0]).toBe(f.logo.id);
  });

  it('filters by status and kind and searches title and body', async () => {
    const f = fixtures();
    await open(new FakeClient(groupState(f.all)));
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'passed' } });
    expect(ids()).toEqual([f.passed.id]);
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'poll' } });
    expect(ids()).toEqual([f.poll.id]);
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('filter-search'), { target: { value: 'budget' } });
    expect(ids()).toEqual([f.logo.id, f.budget.id]);
    fireEvent.change(screen.getByTestId('filter-search'), { target: { value: 'gpus budget' } });
    expect(ids()).toEqual([f.budget.id]);
  });

  it('moves the selection with j and k and opens it with Enter', async () => {
    const f = fixtures();
    await open(new FakeClient(groupState(f.all)));
    const selected = () =>
      rows().find((r) => r.getAttribute('aria-current') === 'true')?.dataset.id;
    expect(selected()).toBe(f.poll.id);
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(selected()).toBe(f.logo.id);
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(selected()).toBe(f.passed.id);
    fireEvent.keyDown(document.body, { key: 'k' });
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(selected()).toBe(f.poll.id);
    fireEvent.keyDown(document.body, { key: 'j' });
    await act(async () => {
      fireEvent.keyDown(document.body, { key: 'Enter' });
      await Promise.resolve();
    });
    expect(window.location.hash).toBe(`#/proposals/${f.passed.id}`);
    expect(await screen.findByTestId('proposal-status')).toHaveProperty('textContent', 'passed');
  });

  it('ignores j and k typed into the search box', async () => {
    const f = fixtures();
    await open(new FakeClient(groupState(f.all)));
    const search = screen.getByTestId('filter-search');
    fireEvent.keyDown(search, { key: 'j' });
    expect(rows()[0]?.getAttribute('aria-current')).toBe('true');
  });

  it('renders only a window of rows when there are 10,000 proposals', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      proposal({
        id: i.toString(16).padStart(64, '0'),
        title: `Item ${i}`,
        created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      }),
    );
    await open(new FakeClient(groupState(many)));
    expect(rows().length).toBeLessThan(60);
    expect(screen.getByText(/10000 of 10000 proposals/)).toBeDefined();
    const list = screen.getByRole('list', { name: 'Proposals' });
    for (let i = 0; i < 30; i++) fireEvent.keyDown(document.body, { key: 'j' });
    expect(within(list).getByText('Item 9969')).toBeDefined();
    expect(rows().length).toBeLessThan(60);
  });

  it('scrolls the selection into view on j and k, and back to the top on a new search', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      proposal({
        id: i.toString(16).padStart(64, '0'),
        title: `Item ${i} ${i % 2 === 0 ? 'even' : 'odd'}`,
        created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      }),
    );
    await open(new FakeClient(groupState(many)));
    const list = screen.getByRole('list', { name: 'Proposals' });
    for (let i = 0; i < 40; i++) fireEvent.keyDown(document.body, { key: 'j' });
    // jsdom lays nothing out: the list assumes a 640px window of 56px rows.
    expect(list.scrollTop).toBe(41 * 56 - 640);
    for (let i = 0; i < 40; i++) fireEvent.keyDown(document.body, { key: 'k' });
    expect(list.scrollTop).toBe(0);
    for (let i = 0; i < 40; i++) fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.change(screen.getByTestId('filter-search'), { target: { value: 'odd' } });
    expect(list.scrollTop).toBe(0);
    expect(screen.getByText(/5000 of 10000 proposals/)).toBeDefined();
    expect(rows()[0]?.dataset.id).toBe((9999).toString(16).padStart(64, '0'));
    expect(rows()[0]?.getAttribute('aria-current')).toBe('true');
  });
});

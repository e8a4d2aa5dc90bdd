// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openGroupCache, type GroupCache } from '../../../renderer/data/group-cache';
import { createGroupStore, type GroupStore } from '../../../renderer/group/group-store';
import { deleteAllDatabases, HeldClient, watchDexie } from './cache-helpers';
import { alice, bob, groupState, proposal } from './fake-client';
import { renderApp } from './render-app';

const seen = watchDexie();

const proposals = () => [
  proposal({ id: '01'.repeat(32), title: 'Budget for GPUs', created: '2026-11-01T00:00:00Z' }),
  proposal({
    id: '02'.repeat(32),
    title: 'New logo',
    body: 'A friendlier budget line, drawn by hand.',
    created: '2026-11-02T00:00:00Z',
  }),
  proposal({ id: '03'.repeat(32), title: 'Adopt a licence', created: '2026-11-03T00:00:00Z' }),
];

/** A store over `client` and a fresh handle on the cache, as a new start of the app makes. */
const start = (client: HeldClient, cache: GroupCache | undefined = openGroupCache()) =>
  createGroupStore(client, cache);

const savedAt = async (store: GroupStore, head: string) =>
  waitFor(() => expect(store.getState().saved).toBe(head));

/** A first visit: the state fetched and saved in the cache. */
const visit = async (client: HeldClient) => {
  const store = start(client);
  await store.getState().load();
  await savedAt(store, client.head);
  return store;
};

const proposalWrites = () =>
  seen.writes.filter((w) => w.table === 'proposals').reduce((n, w) => n + w.rows, 0);
const rowIds = () => screen.getAllByTestId('proposal-row').map((r) => r.dataset.id);

beforeEach(() => {
  seen.writes.length = 0;
  seen.reads.length = 0;
});
afterEach(async () => {
  cleanup();
  await deleteAllDatabases();
});

describe('the group cache', () => {
  it('shows the cached state before the server answers, marked as possibly stale', async () => {
    const client = new HeldClient(groupState(proposals()));
    await visit(client);

    client.hold();
    renderApp(client.signInAs(alice), '#/proposals');
    expect(await screen.findAllByTestId('proposal-row')).toHaveLength(3);
    expect(screen.getByTestId('cache-stale').textContent).toMatch(/saved on this device/);

    await act(async () => {
      client.release();
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.queryByTestId('cache-stale')).toBeNull());
    expect(screen.getAllByTestId('proposal-row')).toHaveLength(3);
  });

  it('keeps the cached state on screen, and says it may be old, when the server fails', async () => {
    const client = new HeldClient(groupState(proposals()));
    await visit(client);
    client.failNext.set('group:get', {
      code: 'network',
      message: 'offline',
      data: { transport: true },
    });
    renderApp(client.signInAs(alice), '#/proposals');
    await waitFor(() =>
      expect(screen.getByTestId('cache-stale').textContent).toMatch(/may be out of date/),
    );
    expect(screen.getByRole('alert').textContent).toMatch(/Could not reach the app/);
    expect(screen.getAllByTestId('proposal-row')).toHaveLength(3);
  });

  it('writes only the proposals that changed when the head moves', async () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      proposal({ id: i.toString(16).padStart(64, '0'), title: `Item ${i}` }),
    );
    const client = new HeldClient(groupState(many));
    await visit(client);
    expect(proposalWrites()).toBe(200);

    // A later start reads the cache, then the server answers with one vote more.
    seen.writes.length = 0;
    const store = start(client);
    client.castVote(many[7]!.id, bob.id, 'yes');
    await store.getState().load();
    await savedAt(store, client.head);
    expect(proposalWrites()).toBe(1);
    expect(seen.writes.filter((w) => w.table === 'members' || w.table === 'models')).toEqual([]);

    // And a head change in the same run: one more vote, one more row.
    seen.writes.length = 0;
    client.castVote(many[9]!.id, alice.id, 'no');
    await store.getState().load();
    await savedAt(store, client.head);
    expect(proposalWrites()).toBe(1);

    const cached = await openGroupCache()!.read();
    expect(cached?.state.proposals.find((p) => p.id === many[9]!.id)?.votes).toHaveLength(1);
  });

  it('finds proposals by the start of each word typed, through the index', async () => {
    const client = new HeldClient(groupState(proposals()));
    await visit(client);
    renderApp(client.signInAs(alice), '#/proposals');
    await screen.findAllByTestId('proposal-row');
    seen.reads.length = 0;

    fireEvent.change(screen.getByTestId('filter-search'), { target: { value: 'bud' } });
    await waitFor(() => expect(rowIds()).toEqual(['02'.repeat(32), '01'.repeat(32)]));
    fireEvent.change(screen.getByTestId('filter-search'), { target: { value: 'BUDG gp' } });
    await waitFor(() => expect(rowIds()).toEqual(['01'.repeat(32)]));
    fireEvent.change(screen.getByTestId('filter-search'), { target: { value: 'udget' } });
    await waitFor(() => expect(screen.queryAllByTestId('proposal-row')).toEqual([]));
    expect(seen.reads.filter((r) => r.index === 'words').length).toBeGreaterThanOrEqual(4);
  });

  it('searches the index through the store, as of the head it shows', async () => {
    const client = new HeldClient(groupState(proposals()));
    const store = await visit(client);
    expect(await store.getState().search('draw hand')).toEqual(new Set(['02'.repeat(32)]));
    expect(await store.getState().search('   ')).toBeUndefined();
  });

  it('loses nothing when the database is deleted: the next start fetches it all again', async () => {
    const client = new HeldClient(groupState(proposals()));
    await visit(client);
    await deleteAllDatabases();
    expect(await openGroupCache()!.read()).toBeUndefined();

    seen.writes.length = 0;
    client.hold();
    renderApp(client.signInAs(alice), '#/proposals');
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.queryAllByTestId('proposal-row')).toEqual([]);
    await act(async () => {
      client.release();
      await Promise.resolve();
    });
    expect(await screen.findAllByTestId('proposal-row')).toHaveLength(3);
    expect(screen.queryByTestId('cache-stale')).toBeNull();
    await waitFor(() => expect(proposalWrites()).toBe(3));
    // The rows are written before their transaction commits: wait for what a reader sees.
    await waitFor(async () =>
      expect((await openGroupCache()!.read())?.state).toEqual(client.state),
    );
  });

  it('works from the server, and says so quietly, when the cache cannot be opened', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken: GroupCache = {
      read: () => Promise.reject(Object.assign(new Error('no'), { name: 'InvalidStateError' })),
      save: () => Promise.reject(new Error('unreachable')),
      search: () => Promise.reject(new Error('unreachable')),
    };
    const client = new HeldClient(groupState(proposals()));
    const store = start(client, broken);
    await store.getState().load();
    const state = store.getState();
    expect(state.snapshot?.state.proposals).toHaveLength(3);
    expect(state.error).toBeUndefined();
    expect(state.cacheError).toMatch(/private window/);
    expect(await state.search('budget')).toBeUndefined();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

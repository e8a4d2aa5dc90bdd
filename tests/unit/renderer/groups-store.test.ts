import { describe, expect, it } from 'vitest';
import type { GroupSnapshot } from '../../../shared/api-types';
import { createGroupStore } from '../../../renderer/group/group-store';
import type { GroupCache } from '../../../renderer/data/group-cache';
import { HeldClient } from './cache-helpers';
import { FakeClient, groupState } from './fake-client';

/** A cache holding one snapshot: the group this browser showed last. */
const cacheOf = (snapshot: GroupSnapshot): GroupCache => ({
  read: () => Promise.resolve(snapshot),
  save: () => Promise.resolve({ proposals: 0, deleted: 0, members: 0, models: 0 }),
  search: () => Promise.resolve(undefined),
});

const other = (): GroupSnapshot => {
  const state = groupState();
  state.group = { id: '9'.repeat(64), name: 'Shown last time', created: '2026-01-01' };
  return { head: 'old', state };
};

describe('the group store across groups', () => {
  it('drops a cached state the server refuses to show this client', async () => {
    const client = new FakeClient();
    client.failNext.set('group:get', { code: 'not-a-member', message: 'members alone', data: {} });
    const store = createGroupStore(client, cacheOf(other()));
    await store.getState().load();
    expect(store.getState().snapshot).toBeUndefined();
    expect(store.getState().error).toBeDefined();
  });

  it('keeps the cached state when the server cannot be reached', async () => {
    const client = new FakeClient();
    client.failNext.set('group:get', { code: 'internal', message: 'offline', data: {} });
    const store = createGroupStore(client, cacheOf(other()));
    await store.getState().load();
    expect(store.getState().snapshot?.state.group?.name).toBe('Shown last time');
    expect(store.getState().stale).toBe(true);
  });

  it('never shows the cached state after a switch, even when it arrives late', async () => {
    const client = new HeldClient().hold();
    let give: (s: GroupSnapshot) => void = () => {};
    const cache: GroupCache = {
      ...cacheOf(other()),
      read: () => new Promise((resolve) => (give = resolve)),
    };
    const store = createGroupStore(client, cache);
    const first = store.getState().load();
    const switched = store.getState().switched();
    give(other());
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The last group's cached state came after the switch: it is not shown meanwhile.
    expect(store.getState().snapshot).toBeUndefined();
    client.release();
    await Promise.all([first, switched]);
    expect(store.getState().snapshot?.state.group?.name).toBe('The Collective');
    expect(store.getState().stale).toBe(false);
  });
});

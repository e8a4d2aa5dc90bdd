import type { StewardClient } from '../../shared/api-channels';
import { createGroupStore } from '../group/group-store';
import { createListStore } from '../proposals/list-store';
import { createWriteStore } from '../proposals/write-store';
import { createSessionStore } from '../session/session-store';

/** One store per feature, all talking to the same client. */
export const createStores = (client: StewardClient) => ({
  /** For features that make their own store from the client (featureStore below). */
  client,
  session: createSessionStore(client),
  group: createGroupStore(client),
  list: createListStore(),
  write: createWriteStore(client),
});

export type Stores = ReturnType<typeof createStores>;

const made = new WeakMap<StewardClient, Map<string, unknown>>();

/**
 * A feature's store, made once per client: features outside the core set (models, ownership,
 * sync, …) keep their store factories to themselves and reach it through this.
 */
export const featureStore = <T>(
  client: StewardClient,
  name: string,
  create: (c: StewardClient) => T,
): T => {
  let stores = made.get(client);
  if (!stores) made.set(client, (stores = new Map<string, unknown>()));
  if (!stores.has(name)) stores.set(name, create(client));
  return stores.get(name) as T;
};

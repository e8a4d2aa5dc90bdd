import type { StewardClient } from '../../shared/api-channels';
import { createGroupStore } from '../group/group-store';
import { createListStore } from '../proposals/list-store';
import { createWriteStore } from '../proposals/write-store';
import { createSessionStore } from '../session/session-store';

/** One store per feature, all talking to the same client. */
export const createStores = (client: StewardClient) => ({
  session: createSessionStore(client),
  group: createGroupStore(client),
  list: createListStore(),
  write: createWriteStore(client),
});

export type Stores = ReturnType<typeof createStores>;

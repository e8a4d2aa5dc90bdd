import { createStore } from 'zustand/vanilla';
import type { GroupSnapshot, StewardClient } from '../../shared/api-channels';
import { isStewardError } from '../../shared/errors';
import { applyDelta, isDelta } from '../../shared/group-delta';
import { humanMessage } from '../api/errors';
import { cacheMessage } from '../cache/cache-message';
import { openGroupCache, type GroupCache } from '../data/group-cache';

export type GroupState = {
  snapshot?: GroupSnapshot;
  /** The snapshot is the one cached by an earlier visit: the server has not answered yet. */
  stale: boolean;
  loading: boolean;
  error?: string;
  /** The head the local cache holds, once it is saved (undefined: not yet, or no cache). */
  saved?: string;
  /** The local cache failed: the app works from the server alone, and says so. */
  cacheError?: string;
  /** Search can ask the cache's word index (else the list filters in memory). */
  indexed: boolean;
  /** Shows the cached state at once (first call), then fetches the state at the head. */
  load: () => Promise<void>;
  /**
   * Another group was opened: what is shown (and any answer or cached state still on its way)
   * belonged to the one before, so it is dropped and the new group's state is fetched.
   */
  switched: () => Promise<void>;
  /** Refetches whenever the repo's head moves; returns the unsubscribe. */
  follow: () => () => void;
  /**
   * Ids of the proposals matching `query` through the cache's word index, as of the snapshot
   * shown; undefined when there is no index to ask (the caller filters in memory).
   */
  search: (query: string) => Promise<Set<string> | undefined>;
};

/** The group's derived state at the head, mirrored in `cache` (none: no IndexedDB here). */
export const createGroupStore = (
  client: StewardClient,
  cache: GroupCache | undefined = openGroupCache(),
) =>
  createStore<GroupState>()((set, get) => {
    let asked = 0;
    let read: Promise<void> | undefined;
    // Saves run one after another, after the first read, so each compares with the last.
    let saving: Promise<void> = Promise.resolve();

    const failed = (error: unknown): void => {
      // A cache failure is a bug or a browser limit, never the user's: log it whole, say it once.
      console.error(error);
      set({ cacheError: cacheMessage(error), indexed: false });
    };

    // The cached state is the last group's: after a switch it is never shown.
    let switchedAway = false;
    const readCache = (c: GroupCache): Promise<void> =>
      c.read().then((cached) => {
        if (cached !== undefined && get().snapshot === undefined && !switchedAway)
          set({ snapshot: cached, stale: true, saved: cached.head });
      }, failed);

    const save = (c: GroupCache, snapshot: GroupSnapshot): void => {
      saving = saving
        .then(() => c.save(snapshot))
        .then(() => set({ saved: snapshot.head }), failed);
    };

    return {
      stale: false,
      loading: false,
      indexed: cache !== undefined,
      load: async () => {
        const mine = ++asked;
        set({ loading: true });
        if (cache !== undefined && read === undefined) {
          read = readCache(cache);
          saving = read;
        }
        try {
          // The state shown, if the server's: then the server need only send what changed.
          const held = get().stale ? undefined : get().snapshot;
          // (An empty repo's head is '': nothing to send changes since.)
          const answer = await client.invoke(
            'group:get',
            held?.head && held.epoch ? { since: held.head, epoch: held.epoch } : {},
          );
          // An older request answering late would show an older head.
          if (mine !== asked) return;
          const shown = get().snapshot;
          let snapshot: GroupSnapshot | undefined = !isDelta(answer)
            ? answer
            : shown && applyDelta(shown, answer);
          if (snapshot === undefined) {
            // What is shown moved on meanwhile: ask for the whole state.
            snapshot = (await client.invoke('group:get', {})) as GroupSnapshot;
            if (mine !== asked) return;
          }
          set({ snapshot, stale: false, loading: false, error: undefined });
          // A cache that failed stays off for this run: one note, not one per head.
          if (cache !== undefined && get().indexed) save(cache, snapshot);
        } catch (error) {
          if (mine !== asked) return;
          // A cached state the server will not show this client (not a member of a members-only
          // group, or another group's) is not shown either; a network failure keeps it.
          const refused = isStewardError(error) && error.code === 'not-a-member';
          set({
            loading: false,
            error: humanMessage(error),
            ...(refused && get().stale && { snapshot: undefined, stale: false }),
          });
        }
      },
      switched: () => {
        switchedAway = true;
        read ??= Promise.resolve();
        set({ snapshot: undefined, stale: false, saved: undefined, error: undefined });
        return get().load();
      },
      follow: () =>
        client.on('group:onDidChange', ({ head }) => {
          if (head !== get().snapshot?.head || get().stale) void get().load();
        }),
      search: async (query) => {
        if (cache === undefined || !get().indexed) return undefined;
        await saving;
        try {
          return await cache.search(query);
        } catch (error) {
          failed(error);
          return undefined;
        }
      },
    };
  });

export type GroupStore = ReturnType<typeof createGroupStore>;

/**
 * What a ledger's git objects and trees may be, in one place: the ledger reader and every sync
 * door use these same bounds, so that no peer can make a repo take in what its own reader would
 * refuse, and refusing costs no more than the objects themselves (never their expansion).
 */
import { StewardError } from '../../../shared/errors';
import { MAX_FILE_BYTES } from '../../../shared/format/check';

export { MAX_FILE_BYTES };

/**
 * Trees, commits and tags. The largest tree of an honest ledger (one proposal's votes in a large
 * group, or one `proposals/xx` folder of a ledger of a million proposals) is well under 1 MB.
 */
export const MAX_OBJECT_BYTES = 16 * 1024 * 1024;

/** The most bytes an object of this type may hold: a blob is a file, held to the file limit. */
export const maxBytesOf = (type: string): number =>
  type === 'blob' ? MAX_FILE_BYTES : MAX_OBJECT_BYTES;

/**
 * An object over its limit, refused from the size its header (or its delta's header) declares,
 * before it is inflated: a file of 1 GB of one byte is a 1 MB object, which no ledger takes in.
 */
export const oversized = (type: string, size: number): StewardError =>
  new StewardError(
    'sync-refused',
    `refused: the incoming history holds a ${type} of ${size} bytes, over the ${maxBytesOf(type)}-byte limit of a ledger ${type === 'blob' ? 'file' : 'object'}; nothing was synced`,
    { type, size, limit: maxBytesOf(type) },
  );

/**
 * No statement lies deeper than proposals/xx/<id>/votes/<id>.json: a ledger never reads a folder
 * deeper than this.
 */
export const MAX_FOLDER_DEPTH = 4;

/** Entries in one tree walk: a ledger of 100k proposals with their votes holds a few hundred thousand. */
export const MAX_PATHS = 2_000_000;

/**
 * How often one walk may reach the same tree object. Git stores identical folders once, so a
 * hostile tree can name one folder many times under many names, level after level, and expand a
 * few objects into millions of paths. An honest ledger reaches each tree exactly once: every
 * statement has one path, fixed by its type, id and proposal, so two folders with the same content
 * would hold statements at the wrong place. A few repeats are tolerated for files outside the
 * format (which are quarantined anyway); with this bound a walk costs at most this many times the
 * entries its tree objects hold, however they are nested.
 */
export const MAX_TREE_REACH = 8;

/** Counts a walk over trees against MAX_PATHS and MAX_TREE_REACH; `refuse` says why it stops. */
export const treeBudget = (refuse: (detail: string) => Error) => {
  const reached = new Map<string, number>();
  let paths = 0;
  return {
    /** Called on entering a tree object. */
    enter(oid: string): void {
      const n = (reached.get(oid) ?? 0) + 1;
      if (n > MAX_TREE_REACH)
        throw refuse(`tree ${oid} is reached over ${MAX_TREE_REACH} times (a tree bomb?)`);
      reached.set(oid, n);
    },
    /** Called for each entry walked. */
    entry(): void {
      if (++paths > MAX_PATHS) throw refuse(`it holds over ${MAX_PATHS} entries`);
    },
  };
};

export type TreeBudget = ReturnType<typeof treeBudget>;

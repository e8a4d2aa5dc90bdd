/** Reads statement files out of git trees, and the per-proposal view of any commit (a basis). */
import type { RepoFile } from '../../../shared/format/check';
import { StewardError } from '../../../shared/errors';
import { isHostileName, proposalDir } from '../../../shared/format/paths';
import { readCommitTree, readHead, type Repo } from './repo';
import { MAX_FILE_BYTES, MAX_FOLDER_DEPTH, treeBudget, type TreeBudget } from './limits';
import type { ObjectStore } from './object-store';
import { readTreeEntries } from './tree';

/**
 * A file entry of a tree: its path and mode, the blob to read for its content, or the problem
 * the tree walk already found with it. Reading blobs is left to whoever checks the file, so that
 * worker threads can do it in parallel.
 */
export type FileEntry = Omit<RepoFile, 'bytes' | 'size'> & { oid?: string };

/**
 * The budget of one walk over the tree of `commit`: a tree that reaches one folder object too
 * often or holds too many entries is no ledger (a tree bomb), refused after work in proportion to
 * its objects, not to the millions of paths it spells.
 */
export const ledgerTreeBudget = (commit: string): TreeBudget =>
  treeBudget(
    (detail) =>
      new StewardError(
        'invalid-statement',
        `the tree of ${commit} is not a ledger's: ${detail} (a hostile commit?)`,
        { commit },
      ),
  );

const problem = (path: string, mode: string, detail: string): FileEntry => ({
  path,
  mode,
  problem: { reason: 'unexpected-file', detail },
});

/**
 * Walks the tree `oid` found at `prefix`, handing every file entry to `add` in tree order: a
 * hostile name, a folder deeper than any statement lies, a missing tree or a file that is not a
 * plain file comes with the problem found. Every tree entered and entry seen is counted against
 * `budget`, which throws on a tree bomb.
 */
const walkTree = async (
  repo: Repo,
  oid: string,
  prefix: string,
  add: (entry: FileEntry) => void,
  budget: TreeBudget,
): Promise<void> => {
  budget.enter(oid);
  for (const e of (await readTreeEntries(repo, oid)) ?? []) {
    budget.entry();
    const path = prefix + e.name;
    // A hostile name (even one with slashes that spells a valid path) is judged on its own.
    if (isHostileName(e.name)) {
      add({
        path,
        mode: e.mode,
        problem: {
          reason: 'bad-path',
          detail: `a tree entry is named ${JSON.stringify(e.name)}`,
        },
      });
    } else if (e.mode === '040000') {
      // No statement lies deeper than proposals/xx/<id>/votes/<id>.json: deeper folders are not read.
      if (path.split('/').length > MAX_FOLDER_DEPTH)
        add(problem(path, e.mode, 'a folder deeper than any statement lies'));
      else if (await readTreeEntries(repo, e.oid))
        await walkTree(repo, e.oid, `${path}/`, add, budget);
      else add(problem(path, e.mode, 'a folder entry whose object is missing or not a tree'));
    } else if (e.mode === '100644') add({ path, mode: e.mode, oid: e.oid });
    else if (e.mode === '120000' || e.mode === '160000') add({ path, mode: e.mode });
    else add(problem(path, e.mode, `mode ${e.mode}: statements are plain files (100644)`));
  }
};

/** Every file entry in the tree of `commit` (default: HEAD), in tree order. */
export const listFiles = async (
  repo: Repo,
  commit?: string,
  onEntry?: (entry: FileEntry) => void,
): Promise<{ head?: string; entries: FileEntry[] }> => {
  const head = commit ?? (await readHead(repo));
  if (!head) return { entries: [] };
  const root = await readCommitTree(repo, head);
  const entries: FileEntry[] = [];
  const add = (entry: FileEntry): void => {
    entries.push(entry);
    onEntry?.(entry);
  };
  if (root) await walkTree(repo, root, '', add, ledgerTreeBudget(head));
  return { head, entries };
};

/**
 * The plain files the tree of commit `to` holds that the tree of commit `from` does not, reading
 * only the folders that differ; undefined unless `to` adds plain files and nothing else (a file
 * changed or gone, an entry with a problem, a folder the walk would not enter).
 */
export const addedFiles = async (
  repo: Repo,
  from: string,
  to: string,
): Promise<FileEntry[] | undefined> => {
  const [a, b] = await Promise.all([readCommitTree(repo, from), readCommitTree(repo, to)]);
  if (!a || !b) return undefined;
  const added: FileEntry[] = [];
  let usual = true;
  const budget = ledgerTreeBudget(to);
  const diff = async (before: string, after: string, prefix: string): Promise<void> => {
    budget.enter(after);
    const [old, now] = await Promise.all([
      readTreeEntries(repo, before),
      readTreeEntries(repo, after),
    ]);
    if (!old || !now) return void (usual = false);
    const kept = new Map(old.map((e) => [e.name, e]));
    for (const e of now) {
      budget.entry();
      const o = kept.get(e.name);
      kept.delete(e.name);
      if (o?.oid === e.oid && o.mode === e.mode) continue;
      if (isHostileName(e.name)) return void (usual = false);
      const path = prefix + e.name;
      if (o?.mode === '040000' && e.mode === '040000') {
        if (path.split('/').length > MAX_FOLDER_DEPTH) return void (usual = false);
        await diff(o.oid, e.oid, `${path}/`);
      } else if (o) return void (usual = false);
      else if (e.mode === '040000') {
        if (path.split('/').length > MAX_FOLDER_DEPTH) return void (usual = false);
        await walkTree(
          repo,
          e.oid,
          `${path}/`,
          (f) => {
            if (f.problem || f.oid === undefined) usual = false;
            added.push(f);
          },
          budget,
        );
      } else if (e.mode === '100644') added.push({ path, mode: e.mode, oid: e.oid });
      else return void (usual = false);
      if (!usual) return;
    }
    if (kept.size > 0) usual = false;
  };
  await diff(a, b, '');
  return usual ? added : undefined;
};

/**
 * Reads an entry's blob: the file as verification sees it. A blob over the file limit is known by
 * the size its header gives, and never inflated (a 1 GB file of one byte is a 1 MB object).
 */
export const materialize = async (objects: ObjectStore, entry: FileEntry): Promise<RepoFile> => {
  const { oid, ...rest } = entry;
  if (oid === undefined) return { ...rest, size: 0 };
  const raw = await objects.readWithin(oid, MAX_FILE_BYTES);
  if (raw?.type !== 'blob') {
    return {
      ...rest,
      size: 0,
      problem: {
        reason: 'unexpected-file',
        detail: 'a file entry whose object is missing or not a blob',
      },
    };
  }
  if (!('bytes' in raw)) return { ...rest, size: raw.size };
  const size = raw.bytes.length;
  return { ...rest, size, ...(size <= MAX_FILE_BYTES ? { bytes: raw.bytes } : {}) };
};

/** Every file in the tree of `commit` (default: HEAD), with content for those small enough. */
export const readFiles = async (
  repo: Repo,
  commit?: string,
): Promise<{ head?: string; files: RepoFile[] }> => {
  const { head, entries } = await listFiles(repo, commit);
  const files: RepoFile[] = [];
  for (const e of entries) files.push(await materialize(repo.objects, e));
  return { ...(head ? { head } : {}), files };
};

/**
 * The statement ids in a scope folder: its `.json` files and those one folder down (a proposal's
 * votes, closes, ...). Nothing deeper can hold a statement, so nothing deeper is read: a hostile
 * tree of folders repeating one another cannot make this walk long.
 */
const idsIn = async (
  repo: Repo,
  treeOid: string,
  out: Set<string>,
  budget: TreeBudget,
  depth = 0,
): Promise<void> => {
  budget.enter(treeOid);
  for (const e of (await readTreeEntries(repo, treeOid)) ?? []) {
    budget.entry();
    if (e.mode === '040000') {
      if (depth === 0 && !isHostileName(e.name)) await idsIn(repo, e.oid, out, budget, 1);
    } else if (e.name.endsWith('.json')) out.add(e.name.slice(0, -5));
  }
};

/**
 * The ids of one proposal's statements in a commit's tree (the proposal itself included), or
 * undefined when the commit is not in the repo. Results are kept per (commit, proposal).
 */
export const makeBasisReader = (repo: Repo) => {
  const cache = new Map<string, Set<string> | undefined>();
  const read = async (commit: string, proposal: string): Promise<Set<string> | undefined> => {
    const root = await readCommitTree(repo, commit);
    if (!root) return undefined;
    const ids = new Set<string>();
    let tree: string = root;
    for (const name of (proposal === 'rotations' ? 'rotations' : proposalDir(proposal)).split(
      '/',
    )) {
      const entry = ((await readTreeEntries(repo, tree)) ?? []).find(
        (e) => e.name === name && e.mode === '040000',
      );
      if (!entry) return ids;
      tree = entry.oid;
    }
    await idsIn(repo, tree, ids, ledgerTreeBudget(commit));
    if (proposal !== 'rotations' && ids.delete('proposal')) ids.add(proposal);
    return ids;
  };
  // Asked for and not in the repo (yet): a sync may bring them without moving the head.
  const missing = new Set<string>();
  return {
    load: async (commit: string, proposal: string): Promise<void> => {
      const key = `${commit}:${proposal}`;
      if (cache.has(key)) return;
      const ids = await read(commit, proposal);
      if (ids) {
        cache.set(key, ids);
        missing.delete(key);
      } else missing.add(key);
    },
    /** Reads again the bases that were missing; true when any is there now. */
    arrived: async (): Promise<boolean> => {
      let any = false;
      for (const key of [...missing]) {
        const at = key.indexOf(':');
        const ids = await read(key.slice(0, at), key.slice(at + 1));
        if (ids) {
          cache.set(key, ids);
          missing.delete(key);
          any = true;
        }
      }
      return any;
    },
    get: (commit: string, proposal: string): ReadonlySet<string> | undefined =>
      cache.get(`${commit}:${proposal}`),
  };
};

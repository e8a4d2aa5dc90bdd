/**
 * Walks of the commit graph and of trees: merge bases, and the objects one side has that the
 * other lacks. Walks diff each commit's tree against its parents' trees, so their cost follows
 * what changed, not the size of the ledger.
 */
import { StewardError } from '../../../shared/errors';
import { Heap } from '../../../shared/derive/heap';
import type { GitObject } from '../ledger/object-store';
import { parseTree, type RawEntry } from '../ledger/tree';
import type { ObjectType, PackedObject } from './pack';

export type ReadObject = (oid: string) => Promise<GitObject | undefined>;

export type CommitInfo = { tree: string; parents: string[]; time: number };

export const parseCommit = (bytes: Uint8Array): CommitInfo | undefined => {
  const text = Buffer.from(bytes).toString('latin1', 0, Math.min(bytes.length, 64 * 1024));
  const head = text.slice(0, text.indexOf('\n\n') >>> 0);
  const tree = /^tree ([0-9a-f]{40})$/m.exec(head)?.[1];
  if (!tree || !head.startsWith('tree ')) return undefined;
  const parents = [...head.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1]!);
  const time = Number(/^committer .* (\d+) [+-]\d{4}$/m.exec(head)?.[1] ?? 0);
  return { tree, parents, time };
};

export const readCommit = async (read: ReadObject, oid: string): Promise<CommitInfo> => {
  const object = await read(oid);
  const commit = object?.type === 'commit' ? parseCommit(object.bytes) : undefined;
  if (!commit) throw new StewardError('corrupt', `commit ${oid} is missing or malformed`);
  return commit;
};

export const readTree = async (read: ReadObject, oid: string): Promise<RawEntry[]> => {
  const object = await read(oid);
  const entries = object?.type === 'tree' ? parseTree(object.bytes) : undefined;
  if (!entries) throw new StewardError('corrupt', `tree ${oid} is missing or malformed`);
  return entries;
};

const OURS = 1;
const THEIRS = 2;
const STALE = 4;

/**
 * The merge bases of two commits (git's paint-down-to-common): walk both histories newest first,
 * marking which side reaches each commit; a commit reached by both is a base, and what lies below
 * a base is not. Empty when the histories are unrelated.
 */
export const mergeBases = async (
  read: ReadObject,
  ours: string,
  theirs: string,
): Promise<string[]> => {
  if (ours === theirs) return [ours];
  const flags = new Map<string, number>();
  const times = new Map<string, number>();
  const queued = new Set<string>();
  const queue = new Heap<string>((a, b) => times.get(a)! > times.get(b)!);
  const enqueue = async (oid: string, flag: number): Promise<void> => {
    const had = flags.get(oid) ?? 0;
    if ((had | flag) === had) return;
    flags.set(oid, had | flag);
    if (!times.has(oid)) times.set(oid, (await readCommit(read, oid)).time);
    queue.push(oid);
    queued.add(oid);
  };
  await enqueue(ours, OURS);
  await enqueue(theirs, THEIRS);
  const bases: string[] = [];
  // The walk ends when everything still queued lies below a base. Commit dates order the walk but
  // its result does not depend on them: a backdated commit only makes it walk further.
  const live = (): boolean => [...queued].some((oid) => (flags.get(oid)! & STALE) === 0);
  let steps = 0;
  while (queue.size > 0) {
    if (++steps % 64 === 0 && !live()) break;
    const oid = queue.pop()!;
    queued.delete(oid);
    let f = flags.get(oid)!;
    if ((f & 3) === 3 && (f & STALE) === 0) {
      bases.push(oid);
      flags.set(oid, (f |= STALE));
    }
    for (const parent of (await readCommit(read, oid)).parents) await enqueue(parent, f);
  }
  // Dates out of order can leave a base that lies below another one; it is still a common
  // ancestor, which is all the callers need.
  return bases;
};

/** Every commit reachable from `tips`, stopping at (and excluding) commits `known` accepts. */
export const commitsBetween = async (
  read: ReadObject,
  tips: string[],
  known: (oid: string) => boolean | Promise<boolean>,
): Promise<Map<string, CommitInfo>> => {
  const found = new Map<string, CommitInfo>();
  const seen = new Set<string>();
  const todo = [...tips];
  while (todo.length > 0) {
    const oid = todo.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    if (await known(oid)) continue;
    const commit = await readCommit(read, oid);
    found.set(oid, commit);
    for (const p of commit.parents) if (!seen.has(p)) todo.push(p);
  }
  return found;
};

/** Every commit reachable from `tips` (including them). */
export const ancestors = async (read: ReadObject, tips: string[]): Promise<Set<string>> =>
  new Set((await commitsBetween(read, tips, () => false)).keys());

const isTree = (mode: string): boolean => mode === '040000' || mode === '40000';

/** Parsed trees by name, kept for one walk: a parent's big trees are read for every child. */
type TreeCache = Map<string, Map<string, RawEntry>>;

const treeByName = async (read: ReadObject, oid: string, cache: TreeCache) => {
  let entries = cache.get(oid);
  if (!entries) {
    entries = new Map((await readTree(read, oid)).map((e) => [e.name, e]));
    if (cache.size > 50_000) cache.clear();
    cache.set(oid, entries);
  }
  return entries;
};

/**
 * The objects of `tree` that none of `bases` (trees at the same path) holds: the tree itself,
 * then, entry by entry, whatever differs from every base.
 */
const treeDiff = async (
  read: ReadObject,
  tree: string,
  bases: string[],
  out: Map<string, PackedObject>,
  cache: TreeCache,
  visited: Set<string>,
): Promise<void> => {
  if (bases.includes(tree)) return;
  // A tree already sent may still hold what these bases lack (a history that goes back to an
  // earlier tree): it is compared again against other bases, but never twice against the same.
  const key = `${tree}:${bases.join(',')}`;
  if (visited.has(key)) return;
  visited.add(key);
  if (!out.has(tree)) {
    const object = await read(tree);
    if (object?.type !== 'tree') throw new StewardError('corrupt', `tree ${tree} is missing`);
    out.set(tree, { oid: tree, type: 'tree', bytes: object.bytes });
  }
  const entries = await treeByName(read, tree, cache);
  const baseEntries = await Promise.all(bases.map((b) => treeByName(read, b, cache)));
  for (const e of entries.values()) {
    const same = baseEntries.map((b) => b.get(e.name));
    if (same.some((s) => s?.oid === e.oid)) continue;
    if (isTree(e.mode)) {
      const subBases = same.filter((s) => s && isTree(s.mode)).map((s) => s!.oid);
      await treeDiff(read, e.oid, subBases, out, cache, visited);
    } else if (out.has(e.oid)) {
      continue;
    } else if (e.mode !== '160000') {
      const blob = await read(e.oid);
      if (!blob) throw new StewardError('corrupt', `object ${e.oid} is missing`);
      out.set(e.oid, { oid: e.oid, type: blob.type as ObjectType, bytes: blob.bytes });
    }
  }
};

/**
 * What a peer needs to reach `wants`, given the commits it has (`known`: a commit it has, it has
 * with its whole history): the new commits, and for each the objects its tree adds to its
 * parents' trees. Also returns the boundary: the known commits just below the new ones.
 */
export const objectsToSend = async (
  read: ReadObject,
  wants: string[],
  known: (oid: string) => boolean | Promise<boolean>,
  /**
   * Commits the peer is known to hold (its tips): what their trees hold at a path is not sent
   * again, as when both sides received the same statement from a third.
   */
  held: string[] = [],
): Promise<{ objects: PackedObject[]; boundary: string[] }> => {
  const commits = await commitsBetween(read, wants, known);
  const out = new Map<string, PackedObject>();
  const cache: TreeCache = new Map();
  const visited = new Set<string>();
  const boundary = new Set<string>();
  const treeOf = new Map<string, string>();
  const treeOfCommit = async (oid: string): Promise<string> => {
    let tree = commits.get(oid)?.tree ?? treeOf.get(oid);
    if (!tree) treeOf.set(oid, (tree = (await readCommit(read, oid)).tree));
    return tree;
  };
  const heldTrees = await Promise.all(held.filter((h) => !commits.has(h)).map(treeOfCommit));
  for (const [oid, commit] of commits) {
    const object = await read(oid);
    out.set(oid, { oid, type: 'commit', bytes: object!.bytes });
    for (const p of commit.parents) if (!commits.has(p)) boundary.add(p);
    const parentTrees = await Promise.all(commit.parents.map(treeOfCommit));
    await treeDiff(read, commit.tree, [...parentTrees, ...heldTrees], out, cache, visited);
  }
  return { objects: [...out.values()], boundary: [...boundary] };
};

/**
 * Takes objects that arrived from a peer into the repo, by whatever route they came. Under the
 * repo's lock: every object reachable from the incoming tip is checked (fsck, connectivity), and
 * the tip's tree is walked under the ledger's budget (no tree bomb);
 * the histories are merged by a union of trees that refuses to change or delete any existing
 * file; the new objects are written as one pack (temporary name, renamed into place, index last);
 * then `main` moves by compare-and-swap and the work tree follows. A process killed at any point
 * leaves `main` where it was or where it should be, never between: what it wrote before the ref
 * moved is unreachable and harmless.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { foldedName } from '../../../shared/format/paths';
import { exists } from '../fs-exists';
import { checkout, recoverCheckout } from '../ledger/checkout';
import { treeBudget } from '../ledger/limits';
import { withLock } from '../ledger/lock';
import { serializeTree } from '../ledger/objects';
import { readHead, releaseStaleHeadLock, type Repo } from '../ledger/repo';
import { checkAdditive } from './additive';
import { fsckObject } from './fsck';
import { mergeBases, readCommit, readTree, type ReadObject } from './graph';
import { hashObject, writePack, type PackedObject } from './pack';

export type Outcome = 'up-to-date' | 'fast-forward' | 'merged' | 'initial';

export type Integrated = {
  outcome: Outcome;
  before?: string;
  after?: string;
  /** The files the repo did not have, now in its tree. */
  added: { path: string; oid: string }[];
};

export type IntegrateProgress = {
  phase: 'check' | 'merge' | 'write';
  done: number;
  total?: number;
};

const isTree = (mode: string): boolean => mode === '040000' || mode === '40000';

/**
 * Checks every incoming object reachable from `tip` and returns them; objects the repo already
 * has end the walk. Objects nothing reaches (extra refs in a bundle) are left out.
 */
const checkReachable = async (
  incoming: Map<string, PackedObject>,
  repo: Repo,
  tip: string,
  onProgress?: (p: IntegrateProgress) => void,
): Promise<PackedObject[]> => {
  const needed = new Map<string, PackedObject>();
  const todo = [tip];
  const missing: string[] = [];
  while (todo.length > 0) {
    const oid = todo.pop()!;
    if (needed.has(oid)) continue;
    const object = incoming.get(oid);
    if (!object) {
      if (!(await repo.objects.has(oid))) missing.push(oid);
      continue;
    }
    const { problem, links } = fsckObject(object);
    if (problem) {
      throw new StewardError(
        'corrupt',
        `refused: ${object.type} ${oid} is malformed (${problem})`,
        {
          oid,
        },
      );
    }
    needed.set(oid, object);
    if (needed.size % 1000 === 0) onProgress?.({ phase: 'check', done: needed.size });
    todo.push(...links);
  }
  if (missing.length > 0) {
    throw new StewardError(
      'missing-prerequisites',
      `the incoming history is incomplete: ${missing.length} object(s) it needs are in neither it nor this repo (${missing.slice(0, 3).join(', ')})`,
      { missing },
    );
  }
  return [...needed.values()];
};

/**
 * Refuses a tip whose tree no ledger could be: one that reaches a tree object too often (a tree
 * bomb: a few objects spelling millions of paths) or holds too many entries, by the budget the
 * ledger's reader uses. Every folder is walked, at any depth, since the merge would walk them all;
 * the budget stops the walk after work in proportion to the objects, whatever they would expand to.
 */
const checkShape = async (read: ReadObject, tree: string, tip: string): Promise<void> => {
  const budget = treeBudget(
    (detail) =>
      new StewardError(
        'sync-refused',
        `refused: the tree of ${tip} is not a ledger's: ${detail}; nothing was synced`,
        { commit: tip },
      ),
  );
  const walk = async (oid: string): Promise<void> => {
    budget.enter(oid);
    for (const e of await readTree(read, oid)) {
      budget.entry();
      if (isTree(e.mode)) await walk(e.oid);
    }
  };
  await walk(tree);
};

type Merge = { created: Map<string, PackedObject>; added: { path: string; oid: string }[] };

/**
 * The union of two trees. A path both hold with different content, or a path a base held that
 * `theirs` dropped while `ours` kept it, is a change to an existing statement: refused.
 */
const mergeTrees = async (
  read: ReadObject,
  ours: string,
  theirs: string,
  bases: string[],
  prefix: string,
  merge: Merge,
): Promise<string> => {
  if (ours === theirs) return ours;
  const [o, t, ...b] = await Promise.all([ours, theirs, ...bases].map((x) => readTree(read, x)));
  const out = [];
  const theirsByName = new Map(t!.map((e) => [e.name, e]));
  for (const e of o!) {
    const path = prefix + e.name;
    const other = theirsByName.get(e.name);
    theirsByName.delete(e.name);
    if (!other) {
      if (b.some((base) => base.some((x) => x.name === e.name))) refuse(path, 'deletes');
      out.push(e);
    } else if (other.oid === e.oid && other.mode === e.mode) {
      out.push(e);
    } else if (isTree(e.mode) && isTree(other.mode)) {
      const subBases = b.flatMap((base) =>
        base.filter((x) => x.name === e.name && isTree(x.mode)).map((x) => x.oid),
      );
      const oid = await mergeTrees(read, e.oid, other.oid, subBases, `${path}/`, merge);
      out.push({ ...e, oid });
    } else refuse(path, 'changes');
  }
  // A new name that folds as one of ours (`Charter.json` beside `charter.json`) is one file on
  // Windows and macOS: checking it out would overwrite ours there. fsck sees one tree at a time.
  const oursFolded = new Map(o!.map((e) => [foldedName(e.name), e.name]));
  for (const e of theirsByName.values()) {
    const twin = oursFolded.get(foldedName(e.name));
    if (twin !== undefined) {
      throw new StewardError(
        'sync-refused',
        `refused: the incoming history adds ${prefix + e.name} beside ${prefix + twin}, which this repo holds; the two names are one file on Windows and macOS, so nothing was synced`,
        { path: prefix + e.name },
      );
    }
    out.push(e);
    await collectAdded(read, e, prefix + e.name, merge);
  }
  const bytes = serializeTree(out);
  const oid = hashObject('tree', bytes);
  merge.created.set(oid, { oid, type: 'tree', bytes });
  return oid;
};

const collectAdded = async (
  read: ReadObject,
  entry: { mode: string; oid: string },
  path: string,
  merge: Merge,
): Promise<void> => {
  if (!isTree(entry.mode)) {
    merge.added.push({ path, oid: entry.oid });
    return;
  }
  for (const e of await readTree(read, entry.oid))
    await collectAdded(read, e, `${path}/${e.name}`, merge);
};

const refuse = (path: string, verb: string): never => {
  throw new StewardError(
    'sync-refused',
    `refused: the incoming history ${verb} ${path}, which this repo already holds; statements are never rewritten or removed, so nothing was synced`,
    { path },
  );
};

/** A merge commit that depends only on its parents, so two peers merging each other agree. */
const mergeCommit = (tree: string, parents: string[], time: number): PackedObject => {
  const sorted = [...parents].sort();
  const who = `Steward <sync@steward.invalid> ${time} +0000`;
  const text = [
    `tree ${tree}`,
    ...sorted.map((p) => `parent ${p}`),
    `author ${who}`,
    `committer ${who}`,
    '',
    `Merge ${sorted.map((p) => p.slice(0, 12)).join(' and ')}`,
    '',
  ].join('\n');
  const bytes = Buffer.from(text);
  return { oid: hashObject('commit', bytes), type: 'commit', bytes };
};

/**
 * Writes objects as one pack and its index, each under a temporary name then renamed; the names
 * are git's own (no `.idx` ending), so no reader takes a torn one for an index.
 */
export const storePack = async (repo: Repo, objects: PackedObject[]): Promise<void> => {
  if (objects.length === 0) return;
  const { pack, index, checksum } = writePack(objects);
  const dir = join(repo.gitdir, 'objects', 'pack');
  await mkdir(dir, { recursive: true });
  const base = join(dir, `pack-${checksum}`);
  if (await exists(`${base}.idx`)) return;
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const [tmpPack, tmpIdx] = [join(dir, `tmp_pack_${suffix}`), join(dir, `tmp_idx_${suffix}`)];
  await writeFile(tmpPack, pack, { mode: 0o444 });
  await rename(tmpPack, `${base}.pack`);
  await writeFile(tmpIdx, index, { mode: 0o444 });
  await rename(tmpIdx, `${base}.idx`);
};

/** Finishes or undoes what a killed Steward process left in a repo (its branch lock, a checkout). */
export const repair = (repo: Repo): Promise<void> =>
  withLock(join(repo.gitdir, 'steward.lock'), async () => {
    await releaseStaleHeadLock(repo);
    await recoverCheckout(repo);
  });

export type IntegrateOptions = {
  /** A push: only a fast-forward from `expected` is allowed, as git's receive-pack does. */
  fastForwardFrom?: string | null;
  onProgress?: (p: IntegrateProgress) => void;
};

export const integrate = (
  repo: Repo,
  incoming: Map<string, PackedObject>,
  tip: string,
  options: IntegrateOptions = {},
): Promise<Integrated> =>
  withLock(join(repo.gitdir, 'steward.lock'), async () => {
    const { onProgress } = options;
    await releaseStaleHeadLock(repo);
    await recoverCheckout(repo);
    const head = await readHead(repo);
    if (options.fastForwardFrom !== undefined && (options.fastForwardFrom ?? undefined) !== head) {
      throw new StewardError('push-rejected', 'the branch moved since you fetched it: fetch first');
    }
    const needed = await checkReachable(incoming, repo, tip, onProgress);
    const read: ReadObject = async (oid) => incoming.get(oid) ?? (await repo.objects.read(oid));
    const theirsTree = (await readCommit(read, tip)).tree;
    // Before anything else reads their trees: the merge and the work tree would expand a bomb,
    // and the ledger's history walk would read what any commit on the way removed.
    if (!head || !(await repo.objects.has(tip))) await checkShape(read, theirsTree, tip);
    await checkAdditive(read, needed);
    const merge: Merge = { created: new Map(), added: [] };
    let outcome: Outcome;
    let next = tip;
    onProgress?.({ phase: 'merge', done: 0 });
    if (!head) {
      outcome = 'initial';
      await collectAdded(read, { mode: '40000', oid: theirsTree }, '', merge);
      merge.added = merge.added.map((a) => ({ ...a, path: a.path.replace(/^\//, '') }));
    } else {
      const bases = await mergeBases(read, head, tip);
      if (bases.includes(tip))
        return { outcome: 'up-to-date', before: head, after: head, added: [] };
      if (bases.length === 0) {
        throw new StewardError(
          'sync-refused',
          'refused: the incoming history shares no commit with this repo (another group?)',
        );
      }
      const oursTree = (await readCommit(read, head)).tree;
      const baseTrees = await Promise.all(bases.map(async (b) => (await readCommit(read, b)).tree));
      const tree = await mergeTrees(read, oursTree, theirsTree, baseTrees, '', merge);
      if (bases.includes(head) && tree === theirsTree) {
        outcome = 'fast-forward';
      } else {
        if (options.fastForwardFrom !== undefined) {
          throw new StewardError('push-rejected', 'not a fast-forward: fetch and merge first');
        }
        outcome = 'merged';
        const times = await Promise.all(
          [head, tip].map(async (c) => (await readCommit(read, c)).time),
        );
        const commit = mergeCommit(tree, [head, tip], Math.max(...times));
        merge.created.set(commit.oid, commit);
        next = commit.oid;
      }
    }
    onProgress?.({ phase: 'write', done: 0, total: needed.length + merge.created.size });
    // Only the trees the merge made and the repo lacks; a union that equals a tree of ours is ours.
    const created = [];
    for (const o of merge.created.values()) if (!(await repo.objects.has(o.oid))) created.push(o);
    await storePack(repo, [...needed, ...created]);
    await checkout(repo, head, next, merge.added);
    return { outcome, ...(head ? { before: head } : {}), after: next, added: merge.added };
  });

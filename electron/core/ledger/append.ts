/**
 * Appends one statement file as one commit on `main`: blob, the trees along its path, the commit,
 * then a compare-and-swap of the ref, all under the repo's lock. Cost grows with the depth of the
 * path and the size of the trees on it, not with the number of statements in the repo.
 */
import { lstat, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { recoverCheckout } from './checkout';
import { lockIndex, unlockIndex, writeIndex, type IndexPlan } from './git-index';
import { withLock } from './lock';
import {
  hashObject,
  serializeCommit,
  serializeTree,
  writeLooseObject,
  type TreeEntry,
} from './objects';
import {
  compareAndSwapHead,
  readCommitTree,
  readHead,
  releaseStaleHeadLock,
  type Repo,
} from './repo';
import { readTreeEntries } from './tree';
import { rebuildIndexEntry } from './worktree';

export type AppendRequest = {
  path: string;
  content: string;
  message: string;
  author: { name: string; email: string };
  /** Seconds since the epoch, for the commit's author and committer dates. */
  timestamp: number;
};

export type AppendResult = { commit: string; path: string; created: boolean };

const EXISTS = Symbol('exists');

type Pending = { type: 'tree'; content: Buffer };

/**
 * Returns the new root tree with `blob` at `parts`, and adds every changed tree to `pending`
 * (not yet written: they go to disk together, before the commit that names them).
 */
const insert = async (
  repo: Repo,
  treeOid: string | undefined,
  parts: string[],
  blob: string,
  pending: Pending[],
): Promise<string | typeof EXISTS> => {
  const [name, ...rest] = parts as [string, ...string[]];
  // A copy: the parsed tree is shared through the tree cache.
  const entries: TreeEntry[] = treeOid ? [...((await readTreeEntries(repo, treeOid)) ?? [])] : [];
  const at = entries.findIndex((e) => e.name === name);
  let entry: TreeEntry;
  if (rest.length === 0) {
    if (at >= 0) return entries[at]!.oid === blob ? EXISTS : conflict(parts.join('/'));
    entry = { mode: '100644', name, oid: blob };
  } else {
    const sub = at >= 0 ? entries[at]! : undefined;
    if (sub && sub.mode !== '040000') return conflict(name);
    const child = await insert(repo, sub?.oid, rest, blob, pending);
    if (child === EXISTS) return EXISTS;
    entry = { mode: '40000', name, oid: child };
  }
  if (at >= 0) entries[at] = entry;
  else entries.push(entry);
  const content = serializeTree(entries);
  pending.push({ type: 'tree', content });
  return hashObject('tree', content);
};

const conflict = (path: string): never => {
  throw new StewardError(
    'conflict',
    `${path} already exists with other content; statements are never rewritten`,
  );
};

const removeIfPresent = async (path: string): Promise<void> => {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
};

const journalPath = (repo: Repo): string => join(repo.gitdir, 'steward-append.json');

/** Makes the work tree and index agree with HEAD for a path an interrupted append was writing. */
const recover = async (repo: Repo): Promise<void> => {
  let journal: { path: string };
  try {
    journal = JSON.parse(await readFile(journalPath(repo), 'utf8')) as { path: string };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if (!(error instanceof SyntaxError)) throw error;
    await unlink(journalPath(repo));
    return;
  }
  // The journal says an append of ours stopped midway, taking or holding git's index lock: release
  // it. (Only a git command started in the instant between the journal and the lock could own it.)
  await removeIfPresent(join(repo.gitdir, 'index.lock'));
  await rebuildIndexEntry(repo, journal.path);
  await unlink(journalPath(repo));
};

export const append = (repo: Repo, request: AppendRequest): Promise<AppendResult> =>
  withLock(join(repo.gitdir, 'steward.lock'), async () => {
    await releaseStaleHeadLock(repo);
    if (repo.dir) {
      await recover(repo);
      await recoverCheckout(repo);
    }
    const head = await readHead(repo);
    const bytes = Buffer.from(request.content);
    const blob = hashObject('blob', bytes);
    const trees: Pending[] = [];
    const root = await insert(
      repo,
      head ? await readCommitTree(repo, head) : undefined,
      request.path.split('/'),
      blob,
      trees,
    );
    if (root === EXISTS) return { commit: head!, path: request.path, created: false };
    // The blob and trees at once; the commit only once they are all on disk.
    await Promise.all([
      writeLooseObject(repo.gitdir, 'blob', bytes),
      ...trees.map((t) => writeLooseObject(repo.gitdir, t.type, t.content)),
    ]);
    const commit = await writeLooseObject(
      repo.gitdir,
      'commit',
      serializeCommit({
        tree: root,
        parents: head ? [head] : [],
        author: { ...request.author, timestamp: request.timestamp },
        message: request.message,
      }),
    );
    if (!repo.dir) {
      await compareAndSwapHead(repo, head, commit);
      return { commit, path: request.path, created: true };
    }
    // The journal goes first, so that a process killed holding the index lock always leaves one
    // saying the lock is ours. Then the index: a busy or unusual index refuses the append before
    // anything is committed.
    const index = join(repo.gitdir, 'index');
    await writeFile(journalPath(repo), JSON.stringify({ path: request.path, commit }));
    let plan: IndexPlan;
    try {
      plan = await lockIndex(index, request.path);
    } catch (error) {
      await removeIfPresent(journalPath(repo));
      throw error;
    }
    try {
      await compareAndSwapHead(repo, head, commit);
    } catch (error) {
      await unlockIndex(index);
      await removeIfPresent(journalPath(repo));
      throw error;
    }
    await writeWorkFile(repo, request.path, bytes);
    await writeIndex(
      index,
      plan,
      request.path,
      blob,
      await lstat(join(repo.dir, request.path), { bigint: true }),
    );
    await unlink(journalPath(repo));
    return { commit, path: request.path, created: true };
  });

const writeWorkFile = async (repo: Repo, path: string, bytes: Buffer): Promise<void> => {
  const file = join(repo.dir!, path);
  await mkdir(dirname(file), { recursive: true });
  // The temporary file lives in the git dir, so a crash never leaves debris in the work tree.
  const tmp = join(repo.gitdir, `steward-tmp-${process.pid}`);
  await writeFile(tmp, bytes);
  await rename(tmp, file);
};

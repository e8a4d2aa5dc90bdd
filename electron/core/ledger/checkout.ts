/**
 * Moves `main` to a commit that adds many files at once (a sync), and brings a non-bare repo's
 * work tree and index along. The same order as an append: a journal naming the files, then git's
 * index lock, so a busy index refuses the sync before anything moves; then the ref; then the
 * files and the index. A process killed after the ref moved is finished by the next one.
 * Every path is checked before anything is written (`work-path.ts`): a hostile name refuses the
 * whole checkout, whatever let it into a tree.
 */
import { lstatSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { lockIndex, unlockIndex, writeIndexEntries, type IndexPlan } from './git-index';
import { compareAndSwapHead, readBlobAt, readHead, type Repo } from './repo';
import { checkTreePath, workTreePath } from './work-path';

export type AddedFile = { path: string; oid: string };

type Journal = { commit: string; files: AddedFile[] };

const journalPath = (repo: Repo): string => join(repo.gitdir, 'steward-checkout.json');

const removeIfPresent = async (path: string): Promise<void> => {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
};

const isAddedFile = (f: unknown): f is AddedFile =>
  typeof (f as AddedFile | null)?.path === 'string' && typeof (f as AddedFile).oid === 'string';

/** Throws, before anything is written, if a path would not land inside the work tree. */
const checkPaths = (repo: Repo, files: unknown): AddedFile[] => {
  if (!Array.isArray(files) || !files.every(isAddedFile))
    throw new StewardError('corrupt', 'a checkout names files that are not paths and ids');
  for (const f of files) {
    if (repo.dir) workTreePath(repo.dir, f.path);
    else checkTreePath(f.path);
  }
  return files;
};

const writeFiles = async (repo: Repo, plan: IndexPlan, files: AddedFile[]): Promise<void> => {
  const index = join(repo.gitdir, 'index');
  const stats = [];
  const tmp = join(repo.gitdir, `steward-tmp-${process.pid}`);
  const made = new Set<string>();
  // Every path first: one hostile path writes nothing at all.
  const targets = files.map((f) => workTreePath(repo.dir!, f.path));
  // Synchronous calls: a sync may bring thousands of small files, and each asynchronous call's
  // trip through the thread pool costs more than the write itself.
  for (const [i, f] of files.entries()) {
    const file = targets[i]!;
    const dir = dirname(file);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    // Written in the git dir and renamed, so a crash never leaves a torn file in the work tree.
    writeFileSync(tmp, await readBlobAt(repo, f.oid));
    renameSync(tmp, file);
    stats.push({ ...f, st: lstatSync(file, { bigint: true }) });
  }
  await writeIndexEntries(index, plan, stats);
};

/** Moves `main` from `expected` to `commit`, then writes `files` into the work tree and index. */
export const checkout = async (
  repo: Repo,
  expected: string | undefined,
  commit: string,
  files: AddedFile[],
): Promise<void> => {
  // Before the ref moves, in a bare repo too: it would serve the tree to peers that check out.
  checkPaths(repo, files);
  if (!repo.dir) return compareAndSwapHead(repo, expected, commit);
  const index = join(repo.gitdir, 'index');
  // The journal first, so that a process killed holding the index lock always leaves one.
  await writeFile(journalPath(repo), JSON.stringify({ commit, files } satisfies Journal));
  let plan: IndexPlan;
  try {
    plan = await lockIndex(index, files[0]?.path ?? '');
  } catch (error) {
    await removeIfPresent(journalPath(repo));
    throw error;
  }
  try {
    await compareAndSwapHead(repo, expected, commit);
  } catch (error) {
    await unlockIndex(index);
    await removeIfPresent(journalPath(repo));
    throw error;
  }
  await writeFiles(repo, plan, files);
  await unlink(journalPath(repo));
};

/** Finishes a checkout whose process stopped midway, or forgets one whose ref never moved. */
export const recoverCheckout = async (repo: Repo): Promise<void> => {
  if (!repo.dir) return;
  let journal: Journal;
  try {
    journal = JSON.parse(await readFile(journalPath(repo), 'utf8')) as Journal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if (!(error instanceof SyntaxError)) throw error;
    // Torn while being written: the ref cannot have moved yet.
    await removeIfPresent(join(repo.gitdir, 'index.lock'));
    await unlink(journalPath(repo));
    return;
  }
  const index = join(repo.gitdir, 'index');
  const moved = (await readHead(repo)) === journal.commit;
  // A journal in a folder synced with is a peer's word: checked before git's lock is touched.
  const files = moved ? checkPaths(repo, journal.files) : [];
  // The journal says a checkout of ours stopped taking or holding git's index lock: take it over.
  await removeIfPresent(`${index}.lock`);
  if (moved) await writeFiles(repo, await lockIndex(index, ''), files);
  await unlink(journalPath(repo));
};

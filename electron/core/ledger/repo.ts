/**
 * A governance repo on disk: a git repository (bare or with a work tree) on branch `main`.
 * Reads go through isomorphic-git (loose and packed objects alike); writes go through objects.ts.
 */
import * as fs from 'node:fs';
import { mkdir, readFile, rename, stat, unlink, writeFile, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { StewardError } from '../../../shared/errors';
import { emptyIndex } from './git-index';
import { ObjectStore } from './object-store';

export const BRANCH = 'main';
export const REF = `refs/heads/${BRANCH}`;

export type Repo = {
  /** The work tree, or undefined for a bare repo. */
  dir: string | undefined;
  gitdir: string;
  /** One cache shared by every isomorphic-git call on this repo (see FIELD-NOTES). */
  cache: object;
  objects: ObjectStore;
};

const repoAt = (dir: string | undefined, gitdir: string): Repo => ({
  dir,
  gitdir,
  cache: {},
  objects: new ObjectStore(gitdir),
});

const isGitDir = async (path: string): Promise<boolean> => {
  try {
    await stat(join(path, 'objects'));
    await stat(join(path, 'HEAD'));
    return true;
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'ENOTDIR'
    )
      return false;
    throw error;
  }
};

export const openRepo = async (path: string): Promise<Repo> => {
  const dir = resolve(path);
  if (await isGitDir(join(dir, '.git'))) return repoAt(dir, join(dir, '.git'));
  if (await isGitDir(dir)) return repoAt(undefined, dir);
  throw new StewardError(
    'not-a-repo',
    `${dir} is not a Steward repo (no git repository there): use --repo DIR or \`steward init\``,
  );
};

export const initRepo = async (path: string, bare: boolean): Promise<Repo> => {
  const dir = resolve(path);
  if ((await isGitDir(join(dir, '.git'))) || (await isGitDir(dir))) {
    throw new StewardError('repo-exists', `${dir} already holds a git repository`);
  }
  await mkdir(dir, { recursive: true });
  await git.init({
    fs,
    dir: bare ? undefined : dir,
    gitdir: bare ? dir : join(dir, '.git'),
    bare,
    defaultBranch: BRANCH,
  });
  const repo = repoAt(bare ? undefined : dir, bare ? dir : join(dir, '.git'));
  // The files are JSON written by Steward on every platform: no mode bits, no line-ending games.
  await git.setConfig({ fs, gitdir: repo.gitdir, path: 'core.autocrlf', value: 'false' });
  if (!bare) await writeFile(join(repo.gitdir, 'index'), emptyIndex());
  return repo;
};

export const readHead = async (repo: Repo): Promise<string | undefined> => {
  try {
    return await git.resolveRef({ fs, gitdir: repo.gitdir, ref: REF });
  } catch (error) {
    if (error instanceof git.Errors.NotFoundError) return undefined;
    throw error;
  }
};

/**
 * Moves `main` from `expected` to `next`, git-style: `<ref>.lock` created exclusively, written,
 * renamed over the ref. Fails with `conflict` if the ref moved meanwhile.
 */
export const compareAndSwapHead = async (
  repo: Repo,
  expected: string | undefined,
  next: string,
): Promise<void> => {
  const refPath = join(repo.gitdir, REF);
  await mkdir(join(repo.gitdir, 'refs', 'heads'), { recursive: true });
  const lock = `${refPath}.lock`;
  // Says the lock about to be taken is ours, so one a killed process left can be told from git's.
  await writeFile(casMarker(repo), `${next}\n`);
  try {
    await swap(repo, expected, next, lock, refPath);
  } finally {
    await unlink(casMarker(repo));
  }
};

const casMarker = (repo: Repo): string => join(repo.gitdir, 'steward-cas');

/**
 * Removes the branch lock a killed Steward process left, which would block every later write.
 * Only a lock whose content is what our marker says we were writing is ours; call this holding
 * `steward.lock`, so that no Steward process of this repo is swapping meanwhile.
 */
export const releaseStaleHeadLock = async (repo: Repo): Promise<void> => {
  let ours: string;
  try {
    ours = await readFile(casMarker(repo), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const lock = `${join(repo.gitdir, REF)}.lock`;
  try {
    // Empty: killed between creating the lock and writing it.
    const content = await readFile(lock, 'utf8');
    if (content === ours || content === '') await unlink(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await unlink(casMarker(repo));
};

const swap = async (
  repo: Repo,
  expected: string | undefined,
  next: string,
  lock: string,
  refPath: string,
): Promise<void> => {
  let handle;
  try {
    handle = await open(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new StewardError(
        'locked',
        `${lock} exists: another git process is updating the branch`,
      );
    }
    throw error;
  }
  try {
    try {
      await handle.writeFile(`${next}\n`);
    } finally {
      await handle.close();
    }
    const current = await readHead(repo);
    if (current !== expected)
      throw new StewardError('conflict', 'the branch moved while appending; try again');
    await rename(lock, refPath);
  } catch (error) {
    await unlink(lock);
    throw error;
  }
};

export const readBlobAt = async (repo: Repo, oid: string): Promise<Uint8Array> => {
  const object = await repo.objects.read(oid);
  if (object?.type !== 'blob')
    throw new StewardError('not-found', `blob ${oid} is not in the repo`);
  return object.bytes;
};

/** The tree of a commit, or undefined when the commit is not in the repo (or is not a commit). */
export const readCommitTree = async (repo: Repo, commit: string): Promise<string | undefined> => {
  const object = await repo.objects.read(commit);
  if (object?.type !== 'commit') return undefined;
  return /^tree ([0-9a-f]{40})\n/.exec(object.bytes.toString('latin1', 0, 46))?.[1];
};

export const readText = (path: string): Promise<string> => readFile(path, 'utf8');

/**
 * Which commit added a file. Statement files are never changed or removed, so along a chain of
 * first parents a path is absent and then present: a binary search finds where it appeared, and
 * when that commit is a merge the search continues down the parent that brought it.
 */
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import { readHead, type Repo } from './repo';
import { entryAt } from './tree';

const has = async (repo: Repo, commit: string, path: string): Promise<boolean> =>
  (await entryAt(repo, commit, path)) !== undefined;

const firstParents = async (
  repo: Repo,
  from: string,
): Promise<{ oid: string; parents: string[] }[]> => {
  const chain: { oid: string; parents: string[] }[] = [];
  for (let oid: string | undefined = from; oid;) {
    const { commit } = await git.readCommit({ fs, gitdir: repo.gitdir, oid, cache: repo.cache });
    chain.push({ oid, parents: commit.parent });
    oid = commit.parent[0];
  }
  return chain;
};

export const commitAdding = async (
  repo: Repo,
  path: string,
  from?: string,
): Promise<string | undefined> => {
  const start = from ?? (await readHead(repo));
  if (!start || !(await has(repo, start, path))) return undefined;
  const chain = await firstParents(repo, start);
  // chain[0] has the path; find the last index that still has it.
  let lo = 0;
  let hi = chain.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (await has(repo, chain[mid]!.oid, path)) lo = mid;
    else hi = mid - 1;
  }
  const found = chain[lo]!;
  for (const other of found.parents.slice(1)) {
    if (await has(repo, other, path)) return commitAdding(repo, path, other);
  }
  return found.oid;
};

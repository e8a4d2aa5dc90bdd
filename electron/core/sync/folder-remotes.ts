/**
 * Remotes that are folders on this machine (a USB stick, a shared drive), as `steward sync DIR`
 * already syncs with: kept in git's config with the folder's absolute path as the URL, accepted
 * only when the folder holds a copy of this very group, and synced by the folder route, after
 * which the folder's main is recorded like any remote's so that its status stays true.
 */
import * as fs from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import git from 'isomorphic-git';
import { StewardError } from '../../../shared/errors';
import { CHARTER_PATH } from '../../../shared/format/paths';
import { openRepo, readHead, type Repo } from '../ledger/repo';
import { addRemote, listRemotes, peerRef, recordRemoteHead, type Remote } from './remotes';

/** The names `addRemote` accepts for a URL. */
const VALID_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A remote's URL that names a folder: an absolute path, not a URL. */
export const isFolderUrl = (url: string): boolean =>
  isAbsolute(url) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);

/** The genesis charter on a repo's main: the group's identity; none in an empty repo. */
const charterOf = async (repo: Repo): Promise<Uint8Array | undefined> => {
  const head = await readHead(repo);
  if (head === undefined) return undefined;
  try {
    return (await git.readBlob({ fs, gitdir: repo.gitdir, oid: head, filepath: CHARTER_PATH }))
      .blob;
  } catch {
    return undefined;
  }
};

const same = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Checks that `path` is a folder holding a copy of this repo's group, and not this repo itself;
 * returns the folder's absolute path as it is stored.
 */
export const checkFolderRemote = async (repo: Repo, path: string): Promise<string> => {
  if (!isAbsolute(path))
    throw new StewardError('invalid-argument', `${path}: give the folder's full path`);
  const dir = resolve(path);
  const kind = await stat(dir).then(
    (s) => (s.isDirectory() ? 'dir' : 'file'),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new StewardError('not-found', `${dir}: no such folder`);
      throw error;
    },
  );
  if (kind !== 'dir')
    throw new StewardError(
      'invalid-argument',
      `${dir} is a file, not a folder: a bundle file is synced once, from Sync now`,
    );
  const other = await openRepo(dir);
  if ((await realpath(other.gitdir)) === (await realpath(repo.gitdir)))
    throw new StewardError('invalid-argument', `${dir} is this group's own folder`);
  const theirs = await charterOf(other);
  if (theirs === undefined)
    throw new StewardError(
      'not-a-repo',
      `${dir} holds no Steward group (its main branch has no ${CHARTER_PATH})`,
    );
  const ours = await charterOf(repo);
  if (ours !== undefined && !same(ours, theirs))
    throw new StewardError('invalid-argument', `${dir} holds another group, not this one`);
  return dir;
};

/** Names a remote: an http(s) URL as git does, or a folder holding a copy of this group. */
export const addRemoteOrFolder = async (repo: Repo, name: string, url: string): Promise<Remote> => {
  if (!isFolderUrl(url)) return addRemote(repo, name, url);
  if (!VALID_NAME.test(name))
    throw new StewardError(
      'invalid-argument',
      `${JSON.stringify(name)} cannot name a remote: letters, digits, ".", "_" and "-"`,
    );
  const dir = await checkFolderRemote(repo, url);
  if ((await listRemotes(repo)).some((r) => r.name === name))
    throw new StewardError('conflict', `a remote named ${name} exists`);
  await git.addRemote({ fs, gitdir: repo.gitdir, remote: name, url: dir });
  return { name, url: dir };
};

/** The folder a remote's name stands for, when it is a folder remote. */
export const folderRemote = async (repo: Repo, target: string): Promise<Remote | undefined> =>
  (await listRemotes(repo)).find((r) => r.name === target && isFolderUrl(r.url));

/** After a sync with a folder remote: its main, recorded as the remote's, for its status. */
export const recordFolderHead = async (repo: Repo, remote: Remote): Promise<void> => {
  const head = await readHead(await openRepo(remote.url));
  if (head !== undefined)
    await recordRemoteHead(repo, peerRef({ remote: remote.name, url: remote.url }), head);
};

/**
 * Remotes, kept where git keeps them (`[remote "NAME"]` in the repo's config), so `git remote -v`
 * and Steward agree. After each sync the remote's main is recorded as `refs/remotes/NAME/main`.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { StewardError } from '../../../shared/errors';
import { readHead, type Repo } from '../ledger/repo';
import { commitsBetween, mergeBases, type ReadObject } from './graph';

export type Remote = { name: string; url: string };

const validName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A URL git and isomorphic-git can both fetch over: http or https. */
export const checkUrl = (url: string): string => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StewardError('invalid-argument', `${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new StewardError(
      'invalid-argument',
      `${url}: Steward syncs over http(s) URLs, bundle files and folders (not ${parsed.protocol})`,
    );
  }
  return url;
};

export const listRemotes = async (repo: Repo): Promise<Remote[]> =>
  (await git.listRemotes({ fs, gitdir: repo.gitdir })).map((r) => ({
    name: r.remote,
    url: r.url,
  }));

export const addRemote = async (repo: Repo, name: string, url: string): Promise<Remote> => {
  if (!validName.test(name)) {
    throw new StewardError(
      'invalid-argument',
      `${JSON.stringify(name)} cannot name a remote: letters, digits, ".", "_" and "-"`,
    );
  }
  checkUrl(url);
  if ((await listRemotes(repo)).some((r) => r.name === name)) {
    throw new StewardError(
      'conflict',
      `a remote named ${name} exists (steward remote remove ${name})`,
    );
  }
  await git.addRemote({ fs, gitdir: repo.gitdir, remote: name, url });
  return { name, url };
};

export const removeRemote = async (repo: Repo, name: string): Promise<void> => {
  if (!(await listRemotes(repo)).some((r) => r.name === name))
    throw new StewardError('not-found', `no remote named ${name}`);
  await git.deleteRemote({ fs, gitdir: repo.gitdir, remote: name });
};

/**
 * Where the last known main of a peer is kept: `refs/remotes/NAME/main` for a named remote, and
 * for a bare URL a ref of Steward's own (`refs/steward/peers/<hash of the URL>/main`), which git
 * lists nowhere. A fetch offers these as commits this repo has, so a peer sends only what is new
 * even while this repo holds commits the peer has never seen.
 */
export const peerRef = (target: { remote?: string; url: string }): string => {
  if (target.remote) return `refs/remotes/${target.remote}/main`;
  const hash = createHash('sha256').update(target.url.replace(/\/+$/, '')).digest('hex');
  return `refs/steward/peers/${hash.slice(0, 16)}/main`;
};

export const recordRemoteHead = (repo: Repo, ref: string, oid: string): Promise<void> =>
  git.writeRef({ fs, gitdir: repo.gitdir, ref, value: oid, force: true });

/** Where this repo stands with a remote, as of the last sync with it. */
export type RemoteStatus = {
  /** When the remote's main was last recorded here (the last sync with it); none: never. */
  synced?: string;
  /** Commits here the remote did not have then (new statements, merges), up to `LIMIT`. */
  ahead: number;
  /** Commits the remote had then that this repo lacks (a sync that did not finish). */
  behind: number;
};

const LIMIT = 1000;

/** Counts commits from `tip` down to (not including) the bases, stopping at `LIMIT`. */
const countDown = async (read: ReadObject, tip: string, bases: string[]): Promise<number> => {
  let walked = 0;
  const found = await commitsBetween(
    read,
    [tip],
    (oid) => bases.includes(oid) || walked++ >= LIMIT,
  );
  return found.size;
};

export const remoteStatus = async (repo: Repo, remote: Remote): Promise<RemoteStatus> => {
  const ref = peerRef({ remote: remote.name, url: remote.url });
  let theirs: string;
  try {
    theirs = await git.resolveRef({ fs, gitdir: repo.gitdir, ref });
  } catch {
    const head = await readHead(repo);
    const read: ReadObject = (oid) => repo.objects.read(oid);
    return { ahead: head ? await countDown(read, head, []) : 0, behind: 0 };
  }
  // A loose ref's time is when the sync wrote it; a packed one's (after git gc) is not known.
  const synced = await stat(join(repo.gitdir, ref)).then(
    (s) => s.mtime.toISOString(),
    () => undefined,
  );
  const head = await readHead(repo);
  const read: ReadObject = (oid) => repo.objects.read(oid);
  if (!head)
    return { ...(synced && { synced }), ahead: 0, behind: await countDown(read, theirs, []) };
  const bases = await mergeBases(read, head, theirs);
  return {
    ...(synced && { synced }),
    ahead: await countDown(read, head, bases),
    behind: await countDown(read, theirs, bases),
  };
};

/** The repo's remotes, each with where this repo stands with it since the last sync. */
export const remotesWithStatus = async (
  repo: Repo,
): Promise<(Remote & { status: RemoteStatus })[]> =>
  Promise.all(
    (await listRemotes(repo)).map(async (r) => ({ ...r, status: await remoteStatus(repo, r) })),
  );

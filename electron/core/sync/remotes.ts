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
import { ancestors, commitsBetween, type ReadObject } from './graph';

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

/**
 * Every commit a remote's recorded main reaches, by that commit: walked once per sync (the ref
 * moves only then), so that the status walks only what is new here.
 */
const reached = new Map<string, Promise<Set<string>>>();
const ancestorsOf = (read: ReadObject, tip: string): Promise<Set<string>> => {
  let set = reached.get(tip);
  if (!set) {
    set = ancestors(read, [tip]);
    set.catch(() => reached.delete(tip));
    reached.set(tip, set);
    if (reached.size > 16) reached.delete(reached.keys().next().value!);
  }
  return set;
};

export const remoteStatus = async (repo: Repo, remote: Remote): Promise<RemoteStatus> => {
  const ref = peerRef({ remote: remote.name, url: remote.url });
  const read: ReadObject = (oid) => repo.objects.read(oid);
  const head = await readHead(repo);
  let theirs: string | undefined;
  try {
    theirs = await git.resolveRef({ fs, gitdir: repo.gitdir, ref });
  } catch {
    theirs = undefined;
  }
  // A loose ref's time is when the sync wrote it; a packed one's (after git gc) is not known.
  const synced = theirs
    ? await stat(join(repo.gitdir, ref)).then(
        (s) => s.mtime.toISOString(),
        () => undefined,
      )
    : undefined;
  const theirSide = theirs ? await ancestorsOf(read, theirs) : new Set<string>();
  // What is here and not there: from the head down to the first commits they have.
  const met = new Set<string>();
  let walked = 0;
  const ours = head
    ? await commitsBetween(read, [head], (oid) => {
        if (!theirSide.has(oid)) return walked++ >= LIMIT;
        met.add(oid);
        return true;
      })
    : new Map();
  // What is there and not here: none when their main is among what the head reaches.
  let behind = 0;
  if (theirs && !met.has(theirs)) {
    const shared = await ancestors(read, [...met]);
    behind = [...theirSide].filter((oid) => !shared.has(oid)).length;
  }
  return { ...(synced && { synced }), ahead: ours.size, behind };
};

/** The repo's remotes, each with where this repo stands with it since the last sync. */
export const remotesWithStatus = async (
  repo: Repo,
): Promise<(Remote & { status?: RemoteStatus })[]> =>
  Promise.all(
    (await listRemotes(repo)).map(async (r) => {
      // One remote's history out of reach (a damaged repo) does not hide the others.
      const status = await remoteStatus(repo, r).catch(() => undefined);
      return { ...r, ...(status && { status }) };
    }),
  );

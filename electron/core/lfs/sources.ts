/**
 * Where a version's files can come from or go to, named as `sync` names its targets: a remote's
 * name, an http(s) URL, or a folder; with no name, every remote of the group in turn (folder
 * remotes included). An http remote's LFS endpoint is found as `git lfs` finds it, so a forge's
 * LFS storage and a peer's `steward serve` need no configuration.
 */
import * as fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import git from 'isomorphic-git';
import { StewardError } from '../../../shared/errors';
import type { Repo } from '../ledger/repo';
import { isFolderUrl } from '../sync/folder-remotes';
import { listRemotes } from '../sync/remotes';
import type { LfsSource } from './types';

/**
 * git-lfs's rule for a remote's LFS endpoint: trim trailing slashes, then append `/info/lfs` to
 * a URL ending in `.git`, else `.git/info/lfs`. For a URL with no path at all (a peer's
 * `http://host:port`), git-lfs's string rule names another host (`host:port.git`): there the
 * endpoint is `<origin>/info/lfs`, where `steward serve` answers.
 */
export const lfsEndpoint = (url: string): string => {
  const trimmed = url.replace(/\/+$/, '');
  if (trimmed.endsWith('.git')) return `${trimmed}/info/lfs`;
  let parsed: URL | undefined;
  try {
    parsed = new URL(trimmed);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.pathname === '/' || parsed.pathname === '') && !parsed.search)
    return `${trimmed}/info/lfs`;
  return `${trimmed}.git/info/lfs`;
};

const configValue = async (repo: Repo, path: string): Promise<string | undefined> => {
  const value: unknown = await git.getConfig({ fs, gitdir: repo.gitdir, path });
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** The endpoint for a named remote: `lfs.url`, then `remote.<name>.lfsurl`, as git-lfs reads them. */
const remoteEndpoint = async (repo: Repo, name: string, url: string): Promise<string> =>
  (await configValue(repo, 'lfs.url')) ??
  (await configValue(repo, `remote.${name}.lfsurl`)) ??
  lfsEndpoint(url);

const isHttp = (value: string): boolean => /^https?:\/\//i.test(value);

export const sourcesFor = async (repo: Repo, from?: string): Promise<LfsSource[]> => {
  const remotes = await listRemotes(repo);
  const ofRemote = async (r: { name: string; url: string }): Promise<LfsSource> =>
    isFolderUrl(r.url)
      ? { kind: 'folder', name: r.name, dir: r.url }
      : { kind: 'http', name: r.name, url: await remoteEndpoint(repo, r.name, r.url) };
  if (from === undefined) {
    const all: LfsSource[] = [];
    const seen = new Set<string>();
    for (const r of remotes) {
      const source = await ofRemote(r);
      // `lfs.url` sends every remote to one endpoint: asked once.
      const key = source.kind === 'http' ? source.url : source.dir;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(source);
    }
    return all;
  }
  const named = remotes.find((r) => r.name === from);
  if (named) return [await ofRemote(named)];
  if (isHttp(from)) {
    const url = from.replace(/\/+$/, '');
    return [{ kind: 'http', name: from, url: /\/info\/lfs$/.test(url) ? url : lfsEndpoint(url) }];
  }
  const dir = resolve(from);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (isDir) return [{ kind: 'folder', name: dir, dir }];
  throw new StewardError(
    'not-found',
    `${from} is not a remote (${remotes.map((r) => r.name).join(', ') || 'none'}), an http(s) URL or a folder`,
  );
};

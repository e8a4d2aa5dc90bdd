/**
 * `steward sync [TARGET]`: picks the route for a target (a remote's name, an http(s) URL, a
 * bundle file, a repo folder), runs it, then says what came in, judged by the same verification
 * every command uses: new proposals, votes, closes and other statements, and what was quarantined.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StewardError } from '../../../shared/errors';
import type { Ledger } from '../ledger/ledger';
import type { HttpAuth } from './remote-http';
import { isFolderUrl, recordFolderHead } from './folder-remotes';
import { checkUrl, listRemotes, peerRef, recordRemoteHead, type Remote } from './remotes';
import { syncBundle, syncFolder, syncHttp, type RouteResult, type SyncProgress } from './routes';

export type SyncTarget =
  | { route: 'http'; url: string; remote?: string }
  | { route: 'bundle'; file: string }
  | { route: 'folder'; path: string; remote?: string };

export type Arrival = {
  proposals: { id: string; kind: string; title: string; author: string }[];
  votes: { id: string; proposal: string; voter: string }[];
  closes: { id: string; proposal: string }[];
  other: { id: string; type: string; path: string }[];
  quarantined: { path: string; reason: string; detail: string }[];
};

export type SyncReport = Omit<RouteResult, 'added'> & {
  target: string;
  route: SyncTarget['route'];
  remote?: string;
  new: Arrival;
};

const kindOf = async (path: string): Promise<'file' | 'dir' | undefined> => {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** A configured remote's route: a folder remote by the folder route, any other over http(s). */
const remoteTarget = (r: Remote): SyncTarget =>
  isFolderUrl(r.url)
    ? { route: 'folder', path: r.url, remote: r.name }
    : { route: 'http', url: checkUrl(r.url), remote: r.name };

/** The targets an argument names; with none, every configured remote. */
export const resolveTargets = async (ledger: Ledger, arg?: string): Promise<SyncTarget[]> => {
  const remotes = await listRemotes(ledger.repo);
  if (arg === undefined) {
    if (remotes.length === 0) {
      throw new StewardError(
        'invalid-argument',
        'no remotes yet: name one (steward remote add NAME URL), or give a URL, a bundle file or a repo folder',
      );
    }
    return remotes.map(remoteTarget);
  }
  const remote = remotes.find((r) => r.name === arg);
  if (remote) return [remoteTarget(remote)];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return [{ route: 'http', url: checkUrl(arg) }];
  const kind = await kindOf(arg);
  if (kind === 'dir') return [{ route: 'folder', path: resolve(arg) }];
  if (kind === 'file') return [{ route: 'bundle', file: resolve(arg) }];
  throw new StewardError(
    'not-found',
    `${arg} is not a remote, a URL, a bundle file or a folder (remotes: ${remotes.map((r) => r.name).join(', ') || 'none'})`,
  );
};

const describe = (target: SyncTarget): string =>
  target.route === 'http'
    ? (target.remote ?? target.url)
    : target.route === 'bundle'
      ? target.file
      : target.path;

/** Sorts the files that came in, by what verification made of them. */
const arrivals = async (ledger: Ledger, paths: Set<string>, now: Date): Promise<Arrival> => {
  const out: Arrival = { proposals: [], votes: [], closes: [], other: [], quarantined: [] };
  if (paths.size === 0) return out;
  const { state, checked } = await ledger.load(now);
  const name = (id: string): string =>
    state.members.find((m) => m.id === id)?.name ?? id.slice(0, 12);
  const quarantined = new Map(state.quarantined.map((q) => [q.path, q]));
  for (const c of checked) {
    if (!paths.has(c.path) || c.ok === 'readme') continue;
    const q = quarantined.get(c.path);
    if (q || c.ok === false) {
      const r = q ?? (c as (typeof state.quarantined)[number]);
      out.quarantined.push({ path: r.path, reason: r.reason, detail: r.detail });
      continue;
    }
    const s = c.statement;
    if (s.type === 'proposal') {
      out.proposals.push({ id: c.id, kind: s.kind, title: s.title, author: name(s.author) });
    } else if (s.type === 'vote') {
      out.votes.push({ id: c.id, proposal: s.proposal, voter: name(s.author) });
    } else if (s.type === 'close') {
      out.closes.push({ id: c.id, proposal: s.proposal });
    } else out.other.push({ id: c.id, type: s.type, path: c.path });
  }
  return out;
};

export const syncWith = async (
  ledger: Ledger,
  target: SyncTarget,
  options: { auth: HttpAuth; now: Date; onProgress?: (p: SyncProgress) => void },
): Promise<SyncReport> => {
  const { onProgress } = options;
  let result: RouteResult & { remoteHead?: string };
  if (target.route === 'folder') {
    result = await syncFolder(ledger.repo, target.path, onProgress);
    if (target.remote)
      await recordFolderHead(ledger.repo, { name: target.remote, url: target.path });
  } else if (target.route === 'bundle')
    result = await syncBundle(ledger.repo, target.file, onProgress);
  else {
    result = await syncHttp(ledger.repo, target.url, options.auth, onProgress);
    if (result.remoteHead) await recordRemoteHead(ledger.repo, peerRef(target), result.remoteHead);
  }
  const { added, ...rest } = result;
  delete rest.remoteHead;
  onProgress?.({ phase: 'verify', loaded: 0 });
  return {
    target: describe(target),
    route: target.route,
    ...(target.route !== 'bundle' && target.remote ? { remote: target.remote } : {}),
    ...rest,
    new: await arrivals(ledger, new Set(added.map((a) => a.path)), options.now),
  };
};

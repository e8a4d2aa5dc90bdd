/**
 * The routes between two repos: another folder on this machine, a bundle file, a git remote over
 * HTTP. Each turns into objects handed to `integrate`; the folder and HTTP routes then send back
 * what the other side lacks.
 */
import { readFile } from 'node:fs/promises';
import { StewardError } from '../../../shared/errors';
import { openRepo, readHead, type Repo } from '../ledger/repo';
import { bundleTip, missingPrerequisites, parseBundle } from './bundle';
import { objectsToSend, type ReadObject } from './graph';
import { integrate, repair, type Integrated, type IntegrateProgress } from './integrate';
import { readPack, type PackedObject, type PackProgress } from './pack';
import { fetchHttp, pushHttp, type HttpAuth, type TransferProgress } from './remote-http';

export type SyncProgress = TransferProgress | PackProgress | IntegrateProgress;

export type Pushed = { pushed: boolean; reason?: string };

export type RouteResult = Integrated & Pushed & { objects: number; bytes: number };

const hasCommit = (repo: Repo) => async (oid: string) =>
  (await repo.objects.read(oid))?.type === 'commit';

/** Reads the other side's objects as any sync door takes them: one over its limit is refused. */
const readerOf =
  (repo: Repo): ReadObject =>
  (oid) =>
    repo.objects.readForSync(oid);

/** What `from` has on main that `to` lacks, as a map for `integrate`. */
const missingIn = async (from: Repo, to: Repo, tip: string): Promise<Map<string, PackedObject>> => {
  const theirs = await readHead(to);
  const held = theirs && (await from.objects.has(theirs)) ? [theirs] : [];
  const { objects } = await objectsToSend(readerOf(from), [tip], hasCommit(to), held);
  return new Map(objects.map((o) => [o.oid, o]));
};

export const syncFolder = async (
  repo: Repo,
  path: string,
  onProgress?: (p: SyncProgress) => void,
): Promise<RouteResult> => {
  const other = await openRepo(path);
  if (other.gitdir === repo.gitdir) {
    throw new StewardError('invalid-argument', 'that folder is this repo: sync with another one');
  }
  // A sync into it that was killed midway is finished first, even if nothing else is to be done.
  await repair(other).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EACCES' && error.code !== 'EROFS' && error.code !== 'EPERM') throw error;
  });
  const theirs = await readHead(other);
  let result: Integrated = { outcome: 'up-to-date', added: [] };
  let objects = 0;
  if (theirs) {
    const incoming = await missingIn(other, repo, theirs);
    objects = incoming.size;
    result = await integrate(repo, incoming, theirs, { onProgress });
  }
  const ours = await readHead(repo);
  let pushed: Pushed = { pushed: false };
  if (ours && ours !== theirs) {
    onProgress?.({ phase: 'push', loaded: 0 });
    try {
      // The other side takes our history through the same checks and merge as any sync.
      await integrate(other, await missingIn(repo, other, ours), ours);
      pushed = { pushed: true };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
      pushed = { pushed: false, reason: `${path} is read-only` };
    }
  }
  return { ...result, ...pushed, objects, bytes: 0 };
};

export const syncBundle = async (
  repo: Repo,
  file: string,
  onProgress?: (p: SyncProgress) => void,
): Promise<RouteResult> => {
  const bytes = await readFile(file);
  const bundle = parseBundle(bytes);
  const missing = await missingPrerequisites(repo, bundle);
  if (missing.length > 0) {
    throw new StewardError(
      'missing-prerequisites',
      `this bundle continues a history this repo does not have: it needs ${missing.length} commit(s) first (${missing.map((m) => m.slice(0, 12)).join(', ')}); import an earlier bundle or sync with a peer, then try again`,
      { missing },
    );
  }
  const incoming = await readPack(bundle.pack, (oid) => repo.objects.read(oid), onProgress);
  const result = await integrate(repo, incoming, bundleTip(bundle), { onProgress });
  return { ...result, pushed: false, objects: incoming.size, bytes: bytes.length };
};

/** Fetch, merge, push; if the remote moved in between, fetch and merge again (three tries). */
export const syncHttp = async (
  repo: Repo,
  url: string,
  auth: HttpAuth,
  onProgress?: (p: SyncProgress) => void,
): Promise<RouteResult & { remoteHead?: string }> => {
  let objects = 0;
  let bytes = 0;
  let first: Integrated | undefined;
  const added: Integrated['added'] = [];
  for (let attempt = 1; ; attempt++) {
    const fetched = await fetchHttp(repo, url, { auth, onProgress });
    objects += fetched.objects.size;
    bytes += fetched.bytes;
    let result: Integrated = { outcome: 'up-to-date', added: [] };
    if (fetched.tip) result = await integrate(repo, fetched.objects, fetched.tip, { onProgress });
    first ??= result;
    added.push(...result.added);
    const ours = await readHead(repo);
    const summary = {
      ...result,
      outcome: first.outcome === 'up-to-date' ? result.outcome : first.outcome,
      ...(first.before ? { before: first.before } : {}),
      added,
      objects,
      bytes,
    };
    if (!ours || ours === fetched.tip) {
      return { ...summary, pushed: false, ...(fetched.tip ? { remoteHead: fetched.tip } : {}) };
    }
    if (!auth.credentials && !auth.signer) {
      return {
        ...summary,
        pushed: false,
        reason: 'no identity to prove membership with',
        ...(fetched.tip ? { remoteHead: fetched.tip } : {}),
      };
    }
    onProgress?.({ phase: 'push', loaded: 0 });
    try {
      await pushHttp(repo, url, { auth, onProgress });
      return { ...summary, pushed: true, remoteHead: ours };
    } catch (error) {
      // Someone pushed between our fetch and our push: take theirs in and try again.
      if (!(error instanceof StewardError) || error.code !== 'push-rejected' || attempt === 3)
        throw error;
    }
  }
};

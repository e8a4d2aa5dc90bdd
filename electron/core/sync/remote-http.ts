/**
 * Fetch from and push to any git smart-HTTP remote with isomorphic-git: a forge, a bare repo
 * behind `git http-backend`, or a peer's `steward serve`.
 *
 * isomorphic-git's fetch writes the pack it receives straight into `objects/pack` and moves the
 * remote-tracking refs before anything has checked the objects. Steward gives it a file system
 * whose writes go nowhere: the pack is taken from it at the moment it would be written, and goes
 * through `integrate` like every other route; the refs are written by Steward after the merge.
 */
import * as nodeFs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { StewardError } from '../../../shared/errors';
import type { Repo } from '../ledger/repo';
import { readPack, type PackedObject } from './pack';
import type { Credentials } from './proof';
import { authFor } from './proof-http';

export type TransferProgress = { phase: string; loaded: number; total?: number };

export type HttpAuth = {
  /** Basic or token credentials for a forge (a token goes in as the password). */
  credentials?: Credentials;
  /**
   * A member's signer, for a peer's `steward serve`, which asks for a signed challenge. Called
   * only when the remote asks, so a passphrase is prompted for only when it is needed.
   */
  signer?: () => Promise<{ id: string; sign: (message: Uint8Array) => string } | undefined>;
};

const FETCH_REMOTE = 'steward-fetch';

class PackCaptured extends Error {
  constructor(readonly pack: Buffer) {
    super('pack captured');
  }
}

/** A file system that reads the real repo and takes every write of a fetch into memory. */
const captureFs = (gitdir: string) => {
  const p = nodeFs.promises;
  const seen: { tip?: string } = {};
  const ours = (path: string): boolean => path.startsWith(gitdir);
  const config = `${gitdir}/config`.replace(/\\/g, '/');
  const promises = {
    // isomorphic-git's fetch needs a refspec to name the tracking ref it writes (here, nowhere):
    // the config it reads gets one for a remote of its own.
    readFile: async (path: string, options?: unknown): Promise<string | Buffer> => {
      const data = await p.readFile(path, options as BufferEncoding);
      if (path.replace(/\\/g, '/') !== config) return data;
      return `${String(data)}\n[remote "${FETCH_REMOTE}"]\n\tfetch = +refs/heads/*:refs/remotes/${FETCH_REMOTE}/*\n`;
    },
    readdir: p.readdir,
    stat: p.stat,
    lstat: p.lstat,
    readlink: p.readlink,
    writeFile: (path: string, data: Uint8Array | string): Promise<void> => {
      if (!ours(path)) return Promise.reject(new Error(`unexpected write to ${path}`));
      if (path.endsWith('.pack')) return Promise.reject(new PackCaptured(Buffer.from(data)));
      // The remote-tracking ref, written just before the pack: the commit being fetched.
      const oid = /^([0-9a-f]{40})\n?$/.exec(String(data))?.[1];
      if (oid && /[/\\]refs[/\\]remotes[/\\].*main$/.test(path)) seen.tip = oid;
      return Promise.resolve();
    },
    mkdir: () => Promise.resolve(),
    unlink: () => Promise.resolve(),
    rmdir: () => Promise.resolve(),
    symlink: () => Promise.reject(new Error('no symlinks')),
    chmod: () => Promise.resolve(),
  };
  return { fs: { promises }, seen };
};

/** isomorphic-git's errors, in Steward's terms. */
const translate = (error: unknown, url: string): unknown => {
  if (error instanceof StewardError) return error;
  const e = error as { code?: string; message?: string; data?: { statusCode?: number } };
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (e.code === 'HttpError' && (e.data?.statusCode === 401 || e.data?.statusCode === 403))
    return new StewardError('unauthorized', `${host} refused the credentials: ${e.message ?? ''}`);
  if (e.code === 'UserCanceledError')
    return new StewardError('unauthorized', `${host} asks for credentials Steward does not have`);
  if (e.code === 'HttpError' || e.code === 'SmartHttpError' || e.code === 'ParseError')
    return new StewardError('network', `${host}: ${e.message ?? 'the transfer failed'}`);
  const sys = (error as NodeJS.ErrnoException).code;
  if (sys === 'ECONNRESET' || sys === 'EPIPE')
    return new StewardError(
      'network',
      `${host} dropped the connection (${sys}); nothing was changed`,
    );
  if (sys && /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH)/.test(sys))
    return new StewardError('network', `cannot reach ${host} (${sys})`);
  if (error instanceof Error && /socket hang up|premature close|aborted/i.test(error.message))
    return new StewardError('network', `${host} dropped the connection: ${error.message}`);
  return error;
};

type HttpClient = typeof http;

/** What one fetch may receive: a peer cannot fill this machine's memory with one answer. */
export const MAX_RESPONSE_BYTES = 1024 * 1024 * 1024;

/**
 * isomorphic-git's HTTP client, counting the bytes that come in and go out, so a long transfer
 * reports them as it goes ('receiving' / 'sending'), and refusing an answer over
 * MAX_RESPONSE_BYTES as it arrives.
 */
const countingHttp = (onProgress?: (p: TransferProgress) => void): HttpClient => {
  let received = 0;
  let sent = 0;
  return {
    request: async (request) => {
      let body = request.body;
      if (body) {
        const source = body;
        body = (async function* () {
          for await (const chunk of source) {
            sent += chunk.length;
            onProgress?.({ phase: 'sending', loaded: sent });
            yield chunk;
          }
        })();
      }
      const response = await http.request({ ...request, ...(body ? { body } : {}) });
      const incoming = response.body;
      if (!incoming) return response;
      return {
        ...response,
        body: (async function* () {
          for await (const chunk of incoming) {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) {
              throw new StewardError(
                'sync-refused',
                `refused: the peer sent over ${MAX_RESPONSE_BYTES} bytes, more than any ledger; nothing was synced`,
              );
            }
            onProgress?.({ phase: 'receiving', loaded: received });
            yield chunk;
          }
        })(),
      };
    },
  };
};

export type Fetched = { tip?: string; objects: Map<string, PackedObject>; bytes: number };

/** Downloads what `url`'s main has that `haves` lack; nothing is written to the repo. */
/** isomorphic-git appends `/info/refs` to the URL: a trailing slash would double it. */
const base = (url: string): string => url.replace(/\/+$/, '');

export const fetchHttp = async (
  repo: Repo,
  given: string,
  options: { auth: HttpAuth; onProgress?: (p: TransferProgress) => void },
): Promise<Fetched> => {
  const url = base(given);
  const { fs, seen } = captureFs(repo.gitdir);
  let pack: Buffer | undefined;
  let tip: string | undefined;
  try {
    const result = await git.fetch({
      fs,
      http: countingHttp(options.onProgress),
      gitdir: repo.gitdir,
      cache: repo.cache,
      url,
      remote: FETCH_REMOTE,
      ref: 'main',
      remoteRef: 'main',
      // Not one branch: isomorphic-git then offers every local ref as a commit this repo has,
      // the peer's last known main among them (remotes.ts), not only this repo's own main.
      singleBranch: false,
      tags: false,
      onAuth: authFor(url, options.auth, repo),
      onProgress: (p) => options.onProgress?.({ phase: p.phase, loaded: p.loaded, total: p.total }),
    });
    tip = result.fetchHead ?? undefined;
  } catch (error) {
    if (!(error instanceof PackCaptured)) {
      const e = error as { code?: string };
      // An empty remote, or one without main.
      if (e.code === 'NotFoundError') return { objects: new Map(), bytes: 0 };
      throw translate(error, url);
    }
    pack = error.pack;
  }
  if (!pack) return { ...(tip ? { tip } : {}), objects: new Map(), bytes: 0 };
  const objects = await readPack(pack, (oid) => repo.objects.read(oid));
  tip = seen.tip;
  if (!tip) throw new StewardError('internal', 'the fetch brought a pack but named no commit');
  return { ...(tip ? { tip } : {}), objects, bytes: pack.length };
};

/** The commit `main` points at on the remote, or undefined for an empty remote. */
export const remoteMain = async (given: string, auth: HttpAuth): Promise<string | undefined> => {
  const url = base(given);
  try {
    const refs = await git.listServerRefs({
      http,
      url,
      prefix: 'refs/heads/main',
      onAuth: authFor(url, auth),
    });
    return refs.find((r) => r.ref === 'refs/heads/main')?.oid;
  } catch (error) {
    throw translate(error, url);
  }
};

/** Pushes main; the remote accepts only a fast-forward. */
export const pushHttp = async (
  repo: Repo,
  given: string,
  options: { auth: HttpAuth; onProgress?: (p: TransferProgress) => void },
): Promise<void> => {
  const url = base(given);
  let result;
  try {
    result = await git.push({
      fs: nodeFs,
      http: countingHttp(options.onProgress),
      gitdir: repo.gitdir,
      cache: repo.cache,
      url,
      ref: 'main',
      remoteRef: 'refs/heads/main',
      onAuth: authFor(url, options.auth, repo),
      onProgress: (p) => options.onProgress?.({ phase: p.phase, loaded: p.loaded, total: p.total }),
    });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === 'PushRejectedError')
      throw new StewardError('push-rejected', `the remote refused the push: ${e.message ?? ''}`);
    throw translate(error, url);
  }
  const ref = result.refs['refs/heads/main'];
  if (!result.ok || (ref && !ref.ok)) {
    throw new StewardError(
      'push-rejected',
      `the remote refused the push: ${ref?.error ?? result.error ?? 'no reason given'}`,
    );
  }
};

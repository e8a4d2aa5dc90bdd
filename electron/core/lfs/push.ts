/**
 * `steward model push`: a version's files, from the store, to a remote's LFS storage, so that
 * members who cannot reach the importer fetch them from there. Over HTTP, Git LFS's batch
 * `upload`: an object with an upload action is PUT (hashed again on its way out: a damaged blob
 * is not carried on), then verified if the server asks; an object with no action is there
 * already. A folder target gets Git LFS's layout, as an export does.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { StewardError } from '../../../shared/errors';
import type { DerivedState } from '../../../shared/derive/state';
import type { ModelStore } from '../models/store';
import { recordOf } from '../models/verify';
import type { HttpAuth } from '../sync/remote-http';
import { authorizationFor, batch, type Session } from './batch';
import { storedFiles, writeObjects } from './folder-writer';
import { call, drain, readLimited } from './http-call';
import { meter, type Meter } from './rate';
import { describe, Refused } from './refusal';
import {
  LFS_MEDIA_TYPE,
  type LfsAction,
  type LfsSource,
  type PushedFile,
  type PushResult,
  type TransferProgress,
} from './types';

type PushOptions = {
  store: ModelStore;
  state: DerivedState;
  model: string;
  version: string;
  target: LfsSource;
  auth: HttpAuth;
  signal?: AbortSignal;
  onProgress?: (p: TransferProgress) => void;
};

const withAuth = (action: LfsAction, authorization: string | undefined) => {
  const headers: Record<string, string> = { ...(action.header ?? {}) };
  if (authorization && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'))
    headers.Authorization = authorization;
  return headers;
};

const refusedBy = (target: string, what: string, reason: string): StewardError =>
  new StewardError('push-rejected', `${target} ${reason} (${what})`, { target, reason });

const upload = async (
  file: { path: string; sha256: string; size: number },
  blob: string,
  action: LfsAction,
  authorization: string | undefined,
  progress: Meter,
  options: { target: string; signal?: AbortSignal },
): Promise<void> => {
  const hash = createHash('sha256');
  const tap = new Transform({
    highWaterMark: 1 << 20,
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      progress.add(chunk.length, file.path, options.target);
      done(null, chunk);
    },
  });
  const body = createReadStream(blob, { highWaterMark: 1 << 20 }).pipe(tap);
  const response = await call(action.href, {
    method: 'PUT',
    headers: {
      ...withAuth(action, authorization),
      'Content-Type': 'application/octet-stream',
      'Content-Length': file.size,
    },
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const status = response.statusCode ?? 0;
  drain(response);
  if (status < 200 || status > 299)
    throw refusedBy(options.target, file.path, `refused the upload with HTTP ${status}`);
  if (hash.digest('hex') !== file.sha256)
    throw new StewardError(
      'corrupt',
      `the model store's copy of ${file.path} no longer hashes to its name (steward model verify)`,
    );
};

const verify = async (
  file: { path: string; sha256: string; size: number },
  action: LfsAction,
  authorization: string | undefined,
  options: { target: string; signal?: AbortSignal },
): Promise<void> => {
  const body = Buffer.from(JSON.stringify({ oid: file.sha256, size: file.size }));
  const response = await call(action.href, {
    method: 'POST',
    headers: {
      ...withAuth(action, authorization),
      Accept: LFS_MEDIA_TYPE,
      'Content-Type': LFS_MEDIA_TYPE,
      'Content-Length': body.length,
    },
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const status = response.statusCode ?? 0;
  await readLimited(response, 64 * 1024);
  if (status < 200 || status > 299)
    throw refusedBy(options.target, file.path, `did not verify the upload (HTTP ${status})`);
};

export const pushVersion = async (options: PushOptions): Promise<PushResult> => {
  const { store, model, version, target, signal } = options;
  const files = await storedFiles(
    store,
    `${model}@${version}`,
    recordOf(options.state, model, version),
  );
  const done = (pushed: PushedFile[], bytes: number): PushResult => ({
    model,
    version,
    target: target.name,
    files: pushed,
    uploaded: new Set(pushed.filter((f) => f.status === 'uploaded').map((f) => f.sha256)).size,
    bytes,
  });
  if (target.kind === 'folder') {
    const isRepo = await stat(join(target.dir, '.git')).then(
      () => true,
      () => false,
    );
    const objects = join(target.dir, ...(isRepo ? ['.git'] : []), 'lfs', 'objects');
    const written = await writeObjects(store, files, objects, {
      name: target.name,
      ...(signal ? { signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return done(written.files, written.bytes);
  }
  const unique = [...new Map(files.map((f) => [f.sha256, f])).values()];
  const session: Session = {};
  let answer;
  try {
    answer = await batch({
      endpoint: target.url,
      operation: 'upload',
      objects: unique.map((f) => ({ oid: f.sha256, size: f.size })),
      known: new Map(unique.map((f) => [f.sha256, f.size])),
      auth: options.auth,
      session,
      ...(options.state.group ? { group: options.state.group.id } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (error instanceof Refused) throw refusedBy(target.name, 'batch', error.reason);
    throw error;
  }
  const progress = meter(0, options.onProgress);
  const status = new Map<string, PushedFile['status']>();
  for (const f of unique) {
    const given = answer.get(f.sha256)!;
    if (given instanceof Refused) throw refusedBy(target.name, f.path, given.reason);
    const { upload: put, verify: check } = given.actions;
    if (!put) {
      status.set(f.sha256, 'already-there');
      continue;
    }
    progress.grow(f.size);
    const opts = { target: target.name, ...(signal ? { signal } : {}) };
    try {
      await upload(
        f,
        store.blobPath(f.sha256),
        put,
        authorizationFor(put.href, target.url, session),
        progress,
        opts,
      );
      if (check) await verify(f, check, authorizationFor(check.href, target.url, session), opts);
    } catch (error) {
      if (error instanceof StewardError || signal?.aborted) throw error;
      throw new StewardError(
        'network',
        `${target.name}: the upload of ${f.path} failed: ${describe(error)}`,
      );
    }
    status.set(f.sha256, 'uploaded');
    progress.flush(f.path, target.name);
  }
  return done(
    files.map((f) => ({ ...f, status: status.get(f.sha256) ?? 'already-there' })),
    progress.bytes,
  );
};

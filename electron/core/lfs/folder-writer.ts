/**
 * Writes store blobs into a folder in Git LFS's layout (an export, a folder remote), each under a
 * temporary name, hashed while it is copied and renamed only once it matched: a stick pulled out
 * mid-copy leaves no object under a name its bytes do not have, and a damaged blob in the store
 * is caught here rather than carried to another peer.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { StewardError } from '../../../shared/errors';
import type { ModelFile } from '../../../shared/format/types';
import { copyHashed } from '../models/model-files';
import type { ModelStore } from '../models/store';
import { objectPath } from './layout';
import { meter } from './rate';
import { realObjectDir, holdsObject } from './real-dirs';
import { recordSize } from './record-size';
import type { TransferProgress } from './types';
import { sizeIfExists } from '../fs-exists';

export type WrittenFile = {
  path: string;
  sha256: string;
  size: number;
  status: 'uploaded' | 'already-there';
};

/** Every file of a version from the store, with its size; refuses if one is not here. */
export const storedFiles = async (
  store: ModelStore,
  name: string,
  record: ModelFile[],
): Promise<{ path: string; sha256: string; size: number }[]> => {
  const out = [];
  const missing: string[] = [];
  for (const f of record) {
    const size = await sizeIfExists(store.blobPath(f.sha256));
    if (size === undefined) missing.push(f.path);
    else out.push({ path: f.path, sha256: f.sha256, size: recordSize(f) ?? size });
  }
  if (missing.length > 0)
    throw new StewardError(
      'not-found',
      `${name}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on this computer (steward model fetch ${name})`,
      { missing },
    );
  return out;
};

/** Copies one blob to `dest`, hashing it on the way; returns the bytes written. */
export const copyVerified = async (
  source: string,
  sha256: string,
  dest: string,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<number> => {
  const tmp = `${dest}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    const { sha256: actual, size } = await copyHashed(source, tmp, {
      onBytes,
      exclusive: true,
      ...(signal ? { signal } : {}),
    });
    if (actual !== sha256)
      throw new StewardError(
        'corrupt',
        `the model store's copy of ${sha256.slice(0, 12)}… no longer hashes to its name (steward model verify)`,
        { sha256 },
      );
    await rename(tmp, dest);
    return size;
  } finally {
    await rm(tmp, { force: true });
  }
};

/**
 * Writes `files` (all in the store) under `objects`, never through a symlinked folder; an object
 * already there is left as it is only if it is a regular file whose bytes hash to its name.
 */
export const writeObjects = async (
  store: ModelStore,
  files: { path: string; sha256: string; size: number }[],
  objects: string,
  options: { signal?: AbortSignal; onProgress?: (p: TransferProgress) => void; name: string },
): Promise<{ files: WrittenFile[]; bytes: number }> => {
  const done = new Map<string, WrittenFile['status']>();
  const progress = meter(
    files.reduce((n, f) => n + f.size, 0),
    options.onProgress,
  );
  for (const f of files) {
    if (done.has(f.sha256)) continue;
    await realObjectDir(objects, f.sha256);
    const dest = objectPath(objects, f.sha256);
    if (await holdsObject(dest, f.sha256, f.size)) {
      done.set(f.sha256, 'already-there');
      progress.grow(-f.size);
      continue;
    }
    await copyVerified(
      store.blobPath(f.sha256),
      f.sha256,
      dest,
      (n) => progress.add(n, f.path, options.name),
      options.signal,
    );
    done.set(f.sha256, 'uploaded');
    progress.flush(f.path, options.name);
  }
  return {
    files: files.map((f) => ({ ...f, status: done.get(f.sha256) ?? 'already-there' })),
    bytes: progress.bytes,
  };
};

/**
 * `steward model export`: a version's files, from the store, in Git LFS's own layout under
 * `DIR/lfs/objects/ab/cd/<oid>`, for a USB stick or a shared folder that `model fetch --from DIR`
 * (or `git lfs`) reads. Each file is verified while it is copied.
 */
import { join, resolve } from 'node:path';
import type { DerivedState } from '../../../shared/derive/state';
import type { ModelStore } from '../models/store';
import { recordOf } from '../models/verify';
import { storedFiles, writeObjects } from './folder-writer';
import type { TransferProgress } from './types';

export const exportVersion = async (options: {
  store: ModelStore;
  state: DerivedState;
  model: string;
  version: string;
  dir: string;
  signal?: AbortSignal;
  onProgress?: (p: TransferProgress) => void;
}): Promise<{
  model: string;
  version: string;
  dir: string;
  files: { path: string; sha256: string; size: number }[];
  bytes: number;
}> => {
  const { store, model, version } = options;
  const dir = resolve(options.dir);
  const files = await storedFiles(
    store,
    `${model}@${version}`,
    recordOf(options.state, model, version),
  );
  const written = await writeObjects(store, files, join(dir, 'lfs', 'objects'), {
    name: dir,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { model, version, dir, files, bytes: written.bytes };
};

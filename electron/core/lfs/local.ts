/**
 * Whether a registered version's files are on this computer: how many are in the store, which
 * are missing, and how many bytes those weigh (null while a missing file's size is unknown: a
 * record written before records carried sizes).
 */
import type { ModelFile } from '../../../shared/format/types';
import { exists } from '../fs-exists';
import type { ModelStore } from '../models/store';
import { recordSize } from './record-size';

export const versionFilesHere = async (
  store: ModelStore,
  files: ModelFile[],
): Promise<{ here: number; missing: ModelFile[]; missingBytes: number | null }> => {
  const missing: ModelFile[] = [];
  for (const f of files) if (!(await exists(store.blobPath(f.sha256)))) missing.push(f);
  let missingBytes: number | null = 0;
  const counted = new Set<string>();
  for (const f of missing) {
    if (counted.has(f.sha256)) continue;
    counted.add(f.sha256);
    const size = recordSize(f);
    missingBytes = size === undefined || missingBytes === null ? null : missingBytes + size;
  }
  return { here: files.length - missing.length, missing, missingBytes };
};

/**
 * The size of a file the local model store holds, by its SHA-256: what a new model record says of
 * each file (docs/format.md §7). A blob is named by its hash, so its size is the file's.
 */
import { stat } from 'node:fs/promises';
import type { ModelStore } from './store';

const HEX64 = /^[0-9a-f]{64}$/;

export const blobSizer =
  (store: ModelStore) =>
  async (sha256: string): Promise<number | undefined> => {
    // The hash comes from a request not yet checked against its schema: never a path.
    if (!HEX64.test(sha256)) return undefined;
    try {
      const s = await stat(store.blobPath(sha256));
      return s.isFile() ? s.size : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };

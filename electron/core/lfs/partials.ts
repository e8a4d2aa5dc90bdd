/**
 * Housekeeping of the partial folder, and the disk's room for a download. A partial is kept only
 * to be resumed: one older than a week, or for a file no registered version lists, never will be,
 * and is deleted when a fetch starts (unless another fetch owns it). A file whose record gives no
 * size is limited by the free space of the store's disk, not by what a server claims.
 */
import { readdir, stat, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DerivedState } from '../../../shared/derive/state';
import type { ModelStore } from '../models/store';
import { BlobReceiver } from './blob-receiver';
import { isOid } from './layout';
import { lockOid } from './oid-lock';

/** How long a partial waits to be resumed. */
export const PARTIAL_DAYS = 7;
/** Room left on the disk after a download, for everything else. */
export const FREE_MARGIN = 256 * 1024 * 1024;

const missingOk = (error: NodeJS.ErrnoException): undefined => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
};

/** Deletes the partials no fetch will resume: too old, or of a file no version lists. */
export const prunePartials = async (
  store: ModelStore,
  state: DerivedState,
  now: Date,
): Promise<string[]> => {
  const dir = dirname(store.partialPath('0'.repeat(64)));
  const names = (await readdir(dir).catch(missingOk)) ?? [];
  const listed = new Set(
    state.models.flatMap((m) => m.versions.flatMap((v) => v.files.map((f) => f.sha256))),
  );
  const pruned: string[] = [];
  for (const oid of names.filter(isOid)) {
    const s = await stat(join(dir, oid)).catch(missingOk);
    if (!s) continue;
    const old = now.getTime() - s.mtimeMs > PARTIAL_DAYS * 24 * 3600 * 1000;
    if (!old && listed.has(oid)) continue;
    const lock = await lockOid(store, oid, { wait: false });
    if (!lock) continue; // being written: its fetch decides
    try {
      await BlobReceiver.discardFor(store, oid);
      pruned.push(oid);
    } finally {
      await lock.release();
    }
  }
  return pruned;
};

/** Bytes a download may still take on the store's disk (free space less a margin). */
export const roomFor = async (store: ModelStore): Promise<number> => {
  let path = store.root;
  for (;;) {
    const s = await statfs(path).catch(missingOk);
    if (s) return Math.max(0, s.bavail * s.bsize - FREE_MARGIN);
    const up = dirname(path);
    if (up === path) return 0;
    path = up;
  }
};

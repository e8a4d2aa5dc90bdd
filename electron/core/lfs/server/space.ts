/**
 * Room for uploads on the disk of the model store: what the disk has free, less a reserve kept for
 * everything else on the machine, less what the uploads in progress may still write. An upload whose
 * record gives no size is bound by the size its uploader claimed; without this bound a member could
 * claim any size and fill the disk before the hash refused the bytes.
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Kept free on the store's disk whatever uploads ask for. */
export const DEFAULT_RESERVE_BYTES = 512 << 20;

/** Bytes free to unprivileged writers on the disk holding `path` (or its nearest existing parent). */
const freeBytes = async (path: string): Promise<number> => {
  try {
    const s = await statfs(path);
    return s.bavail * s.bsize;
  } catch (error) {
    const parent = dirname(path);
    // A store not made yet lives on its parent's disk.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && parent !== path)
      return freeBytes(parent);
    throw error;
  }
};

/** The uploads in progress, one per object, with the bytes each may still write. */
export class Receiving {
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly root: string,
    private readonly reserve: number,
  ) {}

  /**
   * The bytes a new upload may write: the disk's free bytes less the reserve and less what the
   * running uploads may still write (negative when those already ask for more than there is).
   */
  async room(): Promise<number> {
    let pending = 0;
    for (const size of this.sizes.values()) pending += size;
    return (await freeBytes(this.root)) - this.reserve - pending;
  }

  /** Whether an upload of `oid` is running. */
  has(oid: string): boolean {
    return this.sizes.has(oid);
  }

  /** Marks an upload of `oid` as running; the returned function ends it. */
  start(oid: string, size: number): () => void {
    this.sizes.set(oid, size);
    return () => void this.sizes.delete(oid);
  }
}

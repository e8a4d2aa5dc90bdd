/**
 * One object from a folder in Git LFS's layout (an export on a USB stick, a repo's
 * `.git/lfs/objects`), copied through the same hashing receiver as a download: a file there is
 * trusted no more than a server's answer, and a copy that does not hash to its name is refused.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { BlobReceiver } from './blob-receiver';
import { objectDirs, objectPath } from './layout';
import { describe, Refused } from './refusal';

export type Found = { path: string; size: number };

/**
 * The object's file in `dir` and its size, if the folder holds it; or why its copy cannot be read
 * (a symlink loop, no permission, an I/O error, something other than a file), so that the fetch
 * refuses this source's copy by name and goes on to the next source.
 */
export const findObject = async (
  dir: string,
  oid: string,
): Promise<Found | Refused | undefined> => {
  for (const objects of objectDirs(dir)) {
    const path = objectPath(objects, oid);
    const found = await stat(path).then(
      (s) => (s.isFile() ? s.size : new Refused('holds something other than a file there')),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
        return new Refused(`could not be read: ${describe(error)}`);
      },
    );
    if (found instanceof Refused) return found;
    if (found !== undefined) return { path, size: found };
  }
  return undefined;
};

/**
 * Copies the object into `receiver`, from where a partial left off. The file is opened without
 * following a symlink and without blocking (a FIFO swapped in since `findObject` must not hang
 * the fetch), and what was opened is checked: a regular file of the size found.
 */
export const copyObject = async (
  found: Found,
  receiver: BlobReceiver,
  options: { signal?: AbortSignal; onBytes: (n: number) => void },
): Promise<void> => {
  if (receiver.expected !== undefined && found.size !== receiver.expected)
    throw new Refused(`holds ${found.size} bytes where the file has ${receiver.expected}`);
  const flags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  const handle = await open(found.path, flags).catch((error: unknown) => {
    throw new Refused(`could not be read: ${describe(error)}`);
  });
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new Refused('holds something other than a file there');
    if (s.size !== found.size)
      throw new Refused(`changed while it was read (${s.size} bytes, not ${found.size})`);
  } catch (error) {
    await handle.close();
    if (error instanceof Refused) throw error;
    throw new Refused(`could not be read: ${describe(error)}`);
  }
  if (receiver.offset > found.size) await receiver.restart();
  try {
    await pipeline(
      handle.createReadStream({ start: receiver.offset, highWaterMark: 1 << 20 }),
      receiver.sink(options.onBytes),
      ...(options.signal ? [{ signal: options.signal }] : []),
    );
  } catch (error) {
    if (error instanceof Refused || options.signal?.aborted) throw error;
    // A stick pulled out, a bad sector: this copy cannot be had; another source may have one.
    throw new Refused(`could not be read: ${describe(error)}`);
  } finally {
    // The stream closes the handle when it ends; this closes it when the stream never began.
    await handle.close().catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EBADF') throw error;
    });
  }
};

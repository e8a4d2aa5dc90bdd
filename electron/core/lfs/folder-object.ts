/**
 * One object from a folder in Git LFS's layout (an export on a USB stick, a repo's
 * `.git/lfs/objects`), copied through the same hashing receiver as a download: a file there is
 * trusted no more than a server's answer, and a copy that does not hash to its name is refused.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { BlobReceiver } from './blob-receiver';
import { objectDirs, objectPath } from './layout';
import { describe, Refused } from './refusal';

/** The object's file in `dir` and its size, if the folder holds it. */
export const findObject = async (
  dir: string,
  oid: string,
): Promise<{ path: string; size: number } | undefined> => {
  for (const objects of objectDirs(dir)) {
    const path = objectPath(objects, oid);
    const found = await stat(path).then(
      (s) => (s.isFile() ? s.size : undefined),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
        throw error;
      },
    );
    if (found !== undefined) return { path, size: found };
  }
  return undefined;
};

/** Copies the object into `receiver`, from where a partial left off. */
export const copyObject = async (
  found: { path: string; size: number },
  receiver: BlobReceiver,
  options: { signal?: AbortSignal; onBytes: (n: number) => void },
): Promise<void> => {
  if (receiver.expected !== undefined && found.size !== receiver.expected)
    throw new Refused(`holds ${found.size} bytes where the file has ${receiver.expected}`);
  if (receiver.offset > found.size) await receiver.restart();
  try {
    await pipeline(
      createReadStream(found.path, { start: receiver.offset, highWaterMark: 1 << 20 }),
      receiver.sink(options.onBytes),
      ...(options.signal ? [{ signal: options.signal }] : []),
    );
  } catch (error) {
    if (error instanceof Refused || options.signal?.aborted) throw error;
    // A stick pulled out, a bad sector: this copy cannot be had; another source may have one.
    throw new Refused(`could not be read: ${describe(error)}`);
  }
};

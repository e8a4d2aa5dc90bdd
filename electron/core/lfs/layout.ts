/**
 * Git LFS's object layout on disk, the one `git lfs` itself keeps in `.git/lfs/objects`: an object
 * lives at `objects/<oid[0..2]>/<oid[2..4]>/<oid>`. A folder written this way (an export, a USB
 * stick) is read by `git lfs` and by `steward model fetch --from DIR` alike.
 */
import { join } from 'node:path';

/** An oid is a SHA-256 in lowercase hex; anything else never names a path. */
export const OID = /^[0-9a-f]{64}$/;

export const isOid = (value: unknown): value is string =>
  typeof value === 'string' && OID.test(value);

/** `<objects>/ab/cd/<oid>`. */
export const objectPath = (objects: string, oid: string): string => {
  if (!OID.test(oid)) throw new Error(`not an LFS oid: ${JSON.stringify(oid)}`);
  return join(objects, oid.slice(0, 2), oid.slice(2, 4), oid);
};

/** Where a folder may hold objects: an export's `lfs/objects`, or a repo's `.git/lfs/objects`. */
export const objectDirs = (dir: string): string[] => [
  join(dir, 'lfs', 'objects'),
  join(dir, '.git', 'lfs', 'objects'),
];

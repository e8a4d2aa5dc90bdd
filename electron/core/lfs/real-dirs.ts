/**
 * The folders an object is written into on a stick or a shared folder (`lfs`, `objects`, `ab`,
 * `cd`), made one at a time and each checked to be a real folder: a symlink already there (left
 * by whoever had the stick) would send the object, or a rename, to a place of its choosing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Stats } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { StewardError } from '../../../shared/errors';

const lstatOr = (path: string): Promise<Stats | undefined> =>
  lstat(path).then(
    (s) => s,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );

/** Makes `<objects>/ab/cd` for `oid`, refusing to go through a symlink or a non-folder. */
export const realObjectDir = async (objects: string, oid: string): Promise<string> => {
  const ab = join(objects, oid.slice(0, 2));
  const cd = join(ab, oid.slice(2, 4));
  // The destination chosen (the stick's root, a repo) is taken as given; below it, nothing is.
  await mkdir(dirname(dirname(objects)), { recursive: true });
  for (const dir of [dirname(objects), objects, ab, cd]) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const s = await lstatOr(dir);
    if (!s?.isDirectory())
      throw new StewardError(
        'invalid-argument',
        `${dir} is ${s?.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}: no object is written through it`,
        { path: dir },
      );
  }
  return cd;
};

/**
 * Whether `dest` already holds the object: a regular file (not a link) of its size whose bytes
 * hash to its name. Anything else there is overwritten by the caller's rename, except a folder
 * or a device, which is refused.
 */
export const holdsObject = async (dest: string, sha256: string, size: number): Promise<boolean> => {
  const s = await lstatOr(dest);
  if (!s || s.isSymbolicLink()) return false;
  if (!s.isFile())
    throw new StewardError('invalid-argument', `${dest} is not a file: it is left alone`, {
      path: dest,
    });
  if (s.size !== size) return false;
  const hash = createHash('sha256');
  await pipeline(createReadStream(dest, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex') === sha256;
};

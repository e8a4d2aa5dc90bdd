/**
 * The files of a model folder as OMS's `files` serialization sees them: every regular file under
 * it, by POSIX relative path. A symbolic link is refused unless the signature allows them, as the
 * reference implementation does; anything else (a FIFO, a device) is not a model file.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { StewardError } from '../../../shared/errors';

export const listOmsFiles = async (folder: string, allowSymlinks: boolean): Promise<string[]> => {
  const out: string[] = [];
  for (const e of await readdir(folder, { recursive: true, withFileTypes: true })) {
    const path = relative(folder, join(e.parentPath, e.name)).split(sep).join('/');
    if (e.isSymbolicLink() && !allowSymlinks)
      throw new StewardError(
        'invalid-argument',
        `${path} is a symbolic link, which the signature does not allow`,
      );
    if (e.isFile()) out.push(path);
  }
  return out;
};

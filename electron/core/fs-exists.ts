/**
 * Whether a path exists, and a file's size if it does; other errors (permissions, I/O) are thrown,
 * not taken for "no".
 */
import { stat } from 'node:fs/promises';

export const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );

/** A file's size, or undefined when there is nothing at `path`. */
export const sizeIfExists = (path: string): Promise<number | undefined> =>
  stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );

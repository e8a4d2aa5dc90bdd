/** Whether a path exists; other errors (permissions, I/O) are thrown, not taken for "no". */
import { stat } from 'node:fs/promises';

export const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );

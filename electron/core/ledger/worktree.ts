/** Brings one path of the work tree and index in line with HEAD (after an interrupted append). */
import * as fs from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { readBlobAt, readHead, type Repo } from './repo';
import { entryAt } from './tree';

const blobAtPath = async (repo: Repo, path: string): Promise<string | undefined> => {
  const head = await readHead(repo);
  const entry = head ? await entryAt(repo, head, path) : undefined;
  return entry?.mode === '100644' ? entry.oid : undefined;
};

export const rebuildIndexEntry = async (repo: Repo, path: string): Promise<void> => {
  if (!repo.dir) return;
  const file = join(repo.dir, path);
  const oid = await blobAtPath(repo, path);
  if (oid) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, await readBlobAt(repo, oid));
    await rename(`${file}.tmp`, file);
    await git.add({ fs, dir: repo.dir, gitdir: repo.gitdir, filepath: path, cache: repo.cache });
  } else {
    await git.remove({ fs, dir: repo.dir, gitdir: repo.gitdir, filepath: path, cache: repo.cache });
    try {
      await unlink(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
};

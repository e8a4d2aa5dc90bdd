/** Brings one path of the work tree and index in line with HEAD (after an interrupted append). */
import * as fs from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import git from 'isomorphic-git';
import { readBlobAt, readHead, type Repo } from './repo';
import { entryAt } from './tree';
import { workTreePath } from './work-path';

const blobAtPath = async (repo: Repo, path: string): Promise<string | undefined> => {
  const head = await readHead(repo);
  const entry = head ? await entryAt(repo, head, path) : undefined;
  return entry?.mode === '100644' ? entry.oid : undefined;
};

export const rebuildIndexEntry = async (repo: Repo, path: string): Promise<void> => {
  if (!repo.dir) return;
  // The path comes from a journal on disk: it is written, or deleted, only inside the work tree.
  const file = workTreePath(repo.dir, path);
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

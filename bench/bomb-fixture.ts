/**
 * Bombs a hostile peer can plant, made with the real git CLI: a blob of one repeated byte that
 * compresses a thousandfold, written as a loose object without ever holding it whole, and a tree
 * bomb (one folder object named under many names, level after level), valid to git fsck --strict.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';

/** Runs git in `cwd` with `env`; its trimmed stdout (throws when git fails). */
const git = (env: NodeJS.ProcessEnv, cwd: string, args: string[], input?: string): string => {
  const r = spawnSync('git', args, { cwd, env, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
};

/** Writes a loose blob of `size` bytes of one byte into `gitdir`, in 1 MB chunks; its oid. */
export const oneByteBlob = async (gitdir: string, size: number, byte = 0x61): Promise<string> => {
  const header = Buffer.from(`blob ${size}\0`);
  const hash = createHash('sha1').update(header);
  const tmp = join(gitdir, 'objects', `tmp-bomb-${process.pid}-${size}`);
  const deflate = createDeflate({ level: 1 });
  const file = createWriteStream(tmp);
  deflate.pipe(file);
  deflate.write(header);
  const chunk = Buffer.alloc(1 << 20, byte);
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    hash.update(part);
    if (!deflate.write(part)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(file, 'close');
  const oid = hash.digest('hex');
  mkdirSync(join(gitdir, 'objects', oid.slice(0, 2)), { recursive: true });
  renameSync(tmp, join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
  rmSync(tmp, { force: true });
  return oid;
};

/**
 * A tree of `fan` entries, each the same tree of `fan` entries, `levels` deep, over files of one
 * small blob: fan^levels paths from `levels` tree objects.
 */
export const treeBomb = (
  env: NodeJS.ProcessEnv,
  dir: string,
  fan: number,
  levels: number,
): string => {
  const blob = git(env, dir, ['hash-object', '-w', '--stdin'], '{}\n');
  const mktree = (lines: string[]): string => git(env, dir, ['mktree'], `${lines.join('\n')}\n`);
  let tree = mktree(Array.from({ length: fan }, (_, i) => `100644 blob ${blob}\tf${i}.json`));
  for (let l = 1; l < levels; l++)
    tree = mktree(Array.from({ length: fan }, (_, i) => `040000 tree ${tree}\td${i}`));
  return tree;
};

export type Plants = {
  files?: [path: string, oid: string][];
  trees?: [name: string, oid: string][];
};

/**
 * Commits on main, over main's tree, files at any path (through a throw-away index) and trees at
 * the root (by git mktree, so a bomb is never expanded into an index); the new commit.
 */
export const plantAt = (env: NodeJS.ProcessEnv, dir: string, plants: Plants): string => {
  const gitdir = git(env, dir, ['rev-parse', '--absolute-git-dir']);
  const head = git(env, dir, ['rev-parse', 'refs/heads/main']);
  let tree = git(env, dir, ['rev-parse', `${head}^{tree}`]);
  if (plants.files?.length) {
    const indexEnv = { ...env, GIT_INDEX_FILE: join(gitdir, 'bomb-index') };
    git(indexEnv, dir, ['read-tree', tree]);
    for (const [path, oid] of plants.files)
      git(indexEnv, dir, ['update-index', '--add', '--cacheinfo', `100644,${oid},${path}`]);
    tree = git(indexEnv, dir, ['write-tree']);
    rmSync(indexEnv.GIT_INDEX_FILE, { force: true });
  }
  if (plants.trees?.length) {
    const root = git(env, dir, ['ls-tree', tree]);
    const added = plants.trees.map(([name, oid]) => `040000 tree ${oid}\t${name}`);
    tree = git(env, dir, ['mktree'], `${[root, ...added].join('\n')}\n`);
  }
  const commit = git(env, dir, ['commit-tree', tree, '-p', head, '-m', 'bomb']);
  git(env, dir, ['update-ref', 'refs/heads/main', commit, head]);
  return commit;
};

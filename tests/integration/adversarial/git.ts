/**
 * Hostile commits made with the real git CLI: blobs by `git hash-object`, ordinary paths through a
 * throw-away index (`git update-index --cacheinfo`), hand-made trees through `git mktree` — and,
 * where git refuses a name or a layout, tree bytes written with `git hash-object --literally`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHostileName } from '../../../shared/format/paths';

export type GitResult = { status: number; stdout: Buffer; stderr: string };

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_AUTHOR_NAME: 'Mallory',
  GIT_AUTHOR_EMAIL: 'mallory@example.invalid',
  GIT_AUTHOR_DATE: '1773000000 +0000',
  GIT_COMMITTER_NAME: 'Mallory',
  GIT_COMMITTER_EMAIL: 'mallory@example.invalid',
  GIT_COMMITTER_DATE: '1773000000 +0000',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  ...extra,
});

export const runGit = (
  dir: string,
  args: string[],
  input?: Buffer | string,
  extraEnv?: Record<string, string>,
): GitResult => {
  const r = spawnSync('git', args, { cwd: dir, input, env: env(extraEnv), maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString() };
};

/** Runs git and returns its trimmed stdout; throws with git's stderr when it fails. */
export const git = (
  dir: string,
  args: string[],
  input?: Buffer | string,
  extraEnv?: Record<string, string>,
): string => {
  const r = runGit(dir, args, input, extraEnv);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.toString().trim();
};

export const hashBlob = (dir: string, bytes: Buffer | string): string =>
  git(dir, ['hash-object', '-w', '--stdin'], bytes);

export type TreeEntry = {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  name: string;
};

const lsTree = (dir: string, tree: string): TreeEntry[] =>
  runGit(dir, ['ls-tree', '-z', tree])
    .stdout.toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, oid] = line.slice(0, tab).split(' ') as [
        string,
        TreeEntry['type'],
        string,
      ];
      return { mode, type, oid, name: line.slice(tab + 1) };
    });

/** Tree bytes as git lays them out, in git's order (a subtree sorts as if its name ended in /). */
const treeBytes = (entries: TreeEntry[]): Buffer => {
  const key = (e: TreeEntry): Buffer => Buffer.from(e.type === 'tree' ? `${e.name}/` : e.name);
  const sorted = [...entries].sort((a, b) => Buffer.compare(key(a), key(b)));
  return Buffer.concat(
    sorted.flatMap((e) => [
      Buffer.from(`${e.mode.replace(/^0+/, '')} ${e.name}\0`),
      Buffer.from(e.oid, 'hex'),
    ]),
  );
};

/** A tree object: by `git mktree` when git accepts it, else written byte for byte. */
export const mktree = (dir: string, entries: TreeEntry[], literal = false): string => {
  if (!literal) {
    const input = entries.map((e) => `${e.mode} ${e.type} ${e.oid}\t${e.name}\0`).join('');
    const made = runGit(dir, ['mktree', '-z'], input);
    if (made.status === 0) return made.stdout.toString().trim();
  }
  return git(
    dir,
    ['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'],
    treeBytes(entries),
  );
};

/** What to plant: an entry at a path whose components may be anything, even `..` or `a/b`. */
export type Plant = {
  path: string[];
  mode?: string;
  /** File content, or an existing object (for a tree, a mistyped entry, a submodule). */
  content: Buffer | string | { oid: string; type: TreeEntry['type'] };
  /** Add the entry beside an existing one of the same name (before or after it), not over it. */
  duplicate?: 'before' | 'after';
  /** Write the last tree byte for byte even where git mktree would accept (and normalise) it. */
  literal?: boolean;
};

const entryOf = (dir: string, plant: Plant, name: string): TreeEntry => {
  const c = plant.content;
  const object = typeof c === 'string' || Buffer.isBuffer(c) ? undefined : c;
  const type = object?.type ?? 'blob';
  const mode = plant.mode ?? (type === 'tree' ? '40000' : type === 'commit' ? '160000' : '100644');
  return { mode, type, oid: object?.oid ?? hashBlob(dir, c as Buffer | string), name };
};

/** Returns a copy of `tree` (undefined: empty) with the plant grafted in, tree by tree. */
const graft = (dir: string, tree: string | undefined, plant: Plant, depth: number): string => {
  const name = plant.path[depth]!;
  const entries = tree ? lsTree(dir, tree) : [];
  const at = entries.findIndex((e) => e.name === name);
  const last = depth === plant.path.length - 1;
  const entry = last
    ? entryOf(dir, plant, name)
    : {
        mode: '40000',
        type: 'tree' as const,
        oid: graft(dir, at >= 0 ? entries[at]!.oid : undefined, plant, depth + 1),
        name,
      };
  if (at < 0 || !last || !plant.duplicate) {
    if (at >= 0) entries[at] = entry;
    else entries.push(entry);
  } else entries.splice(plant.duplicate === 'before' ? at : at + 1, 0, entry);
  return mktree(dir, entries, last && (plant.duplicate !== undefined || plant.literal === true));
};

/** Plants an index can hold; the rest (odd names, duplicates, mistyped trees) are hand-made. */
const isOrdinary = (p: Plant): boolean =>
  !p.duplicate &&
  !p.literal &&
  !p.path.some(isHostileName) &&
  !(typeof p.content === 'object' && 'type' in p.content && p.content.type === 'tree');

/** Commits the plants on top of `main`, as a hostile peer's push would leave them. */
export const plantCommit = (dir: string, plants: Plant[], message = 'hostile'): string => {
  const head = git(dir, ['rev-parse', 'refs/heads/main']);
  let tree = git(dir, ['rev-parse', `${head}^{tree}`]);
  const ordinary = plants.filter(isOrdinary);
  if (ordinary.length > 0) {
    const index = { GIT_INDEX_FILE: join(dir, '.git', 'hostile-index') };
    git(dir, ['read-tree', tree], undefined, index);
    for (const p of ordinary) {
      const e = entryOf(dir, p, p.path.at(-1)!);
      const info = `${e.mode},${e.oid},${p.path.join('/')}`;
      git(dir, ['update-index', '--add', '--cacheinfo', info], undefined, index);
    }
    tree = git(dir, ['write-tree', '--missing-ok'], undefined, index);
    rmSync(index.GIT_INDEX_FILE, { force: true });
  }
  for (const p of plants.filter((x) => !isOrdinary(x))) tree = graft(dir, tree, p, 0);
  const commit = git(dir, ['commit-tree', tree, '-p', head, '-m', message]);
  git(dir, ['update-ref', 'refs/heads/main', commit, head]);
  return commit;
};

/** A copy of a repo directory, for one attack. */
export const copyRepo = async (from: string): Promise<string> => {
  const to = await mkdtemp(join(tmpdir(), 'steward-attack-'));
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
  return to;
};

/** `git fsck` over every object, with its findings (warnings and errors) as text. */
export const fsck = (dir: string): { ok: boolean; report: string } => {
  const r = runGit(dir, ['fsck', '--full', '--strict', '--no-dangling']);
  return { ok: r.status === 0, report: r.stdout.toString() + r.stderr };
};

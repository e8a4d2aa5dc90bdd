/** Reads statement files out of git trees, and the per-proposal view of any commit (a basis). */
import type { RepoFile } from '../../../shared/format/check';
import { MAX_FILE_BYTES } from '../../../shared/format/check';
import { isHostileName, proposalDir } from '../../../shared/format/paths';
import { readCommitTree, readHead, type Repo } from './repo';
import { readRaw, readTreeEntries, type RawEntry } from './tree';

const problem = (
  path: string,
  mode: string,
  reason: 'unexpected-file' | 'duplicate-entry',
  detail: string,
): RepoFile => ({
  path,
  mode,
  size: 0,
  problem: { reason, detail },
});

const readEntry = async (
  repo: Repo,
  e: RawEntry,
  path: string,
  walk: (oid: string, prefix: string) => Promise<void>,
): Promise<RepoFile | undefined> => {
  if (e.mode === '040000') {
    const entries = await readTreeEntries(repo, e.oid);
    if (!entries)
      return problem(
        path,
        e.mode,
        'unexpected-file',
        'a folder entry whose object is missing or not a tree',
      );
    await walk(e.oid, `${path}/`);
    return undefined;
  }
  if (e.mode === '120000' || e.mode === '160000') return { path, mode: e.mode, size: 0 };
  if (e.mode !== '100644')
    return problem(
      path,
      e.mode,
      'unexpected-file',
      `mode ${e.mode}: statements are plain files (100644)`,
    );
  const raw = await readRaw(repo, e.oid);
  if (raw?.type !== 'blob')
    return problem(
      path,
      e.mode,
      'unexpected-file',
      'a file entry whose object is missing or not a blob',
    );
  const size = raw.bytes.length;
  return { path, mode: e.mode, size, ...(size <= MAX_FILE_BYTES ? { bytes: raw.bytes } : {}) };
};

/** Every file in the tree of `commit` (default: HEAD), with content for those small enough. */
export const readFiles = async (
  repo: Repo,
  commit?: string,
  onFile?: (file: RepoFile) => void,
): Promise<{ head?: string; files: RepoFile[] }> => {
  const head = commit ?? (await readHead(repo));
  if (!head) return { files: [] };
  const root = await readCommitTree(repo, head);
  const files: RepoFile[] = [];
  const walk = async (oid: string, prefix: string): Promise<void> => {
    for (const e of (await readTreeEntries(repo, oid)) ?? []) {
      const path = prefix + e.name;
      // A hostile name (even one with slashes that spells a valid path) is judged on its own.
      const file: RepoFile | undefined = isHostileName(e.name)
        ? {
            path,
            mode: e.mode,
            size: 0,
            problem: {
              reason: 'bad-path',
              detail: `a tree entry is named ${JSON.stringify(e.name)}`,
            },
          }
        : await readEntry(repo, e, path, walk);
      if (file) {
        files.push(file);
        onFile?.(file);
      }
    }
  };
  if (root) await walk(root, '');
  return { head, files };
};

const idsIn = async (repo: Repo, treeOid: string, out: Set<string>): Promise<void> => {
  for (const e of (await readTreeEntries(repo, treeOid)) ?? []) {
    if (e.mode === '040000' && !isHostileName(e.name)) await idsIn(repo, e.oid, out);
    else if (e.name.endsWith('.json')) out.add(e.name.slice(0, -5));
  }
};

/**
 * The ids of one proposal's statements in a commit's tree (the proposal itself included), or
 * undefined when the commit is not in the repo. Results are cached per (commit, proposal).
 */
export const makeBasisReader = (repo: Repo) => {
  const cache = new Map<string, Set<string> | undefined>();
  const read = async (commit: string, proposal: string): Promise<Set<string> | undefined> => {
    const root = await readCommitTree(repo, commit);
    if (!root) return undefined;
    const ids = new Set<string>();
    let tree: string = root;
    for (const name of (proposal === 'rotations' ? 'rotations' : proposalDir(proposal)).split(
      '/',
    )) {
      const entry = ((await readTreeEntries(repo, tree)) ?? []).find(
        (e) => e.name === name && e.mode === '040000',
      );
      if (!entry) return ids;
      tree = entry.oid;
    }
    await idsIn(repo, tree, ids);
    if (proposal !== 'rotations' && ids.delete('proposal')) ids.add(proposal);
    return ids;
  };
  return {
    load: async (commit: string, proposal: string): Promise<void> => {
      const key = `${commit}:${proposal}`;
      if (!cache.has(key)) cache.set(key, await read(commit, proposal));
    },
    get: (commit: string, proposal: string): ReadonlySet<string> | undefined =>
      cache.get(`${commit}:${proposal}`),
  };
};

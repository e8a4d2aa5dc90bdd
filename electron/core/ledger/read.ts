/** Reads statement files out of git trees, and the per-proposal view of any commit (a basis). */
import type { RepoFile } from '../../../shared/format/check';
import { MAX_FILE_BYTES } from '../../../shared/format/check';
import { isHostileName, proposalDir } from '../../../shared/format/paths';
import { readBlobAt, readCommitTree, readHead, readTreeAt, type Repo } from './repo';

/** Every file in the tree of `commit` (default: HEAD), with content for those small enough. */
export const readFiles = async (
  repo: Repo,
  commit?: string,
): Promise<{ head?: string; files: RepoFile[] }> => {
  const head = commit ?? (await readHead(repo));
  if (!head) return { files: [] };
  const tree = await readCommitTree(repo, head);
  const files: RepoFile[] = [];
  const walk = async (oid: string, prefix: string): Promise<void> => {
    for (const e of await readTreeAt(repo, oid)) {
      const path = prefix + e.path;
      if (e.type === 'tree' && !isHostileName(e.path)) {
        await walk(e.oid, `${path}/`);
      } else if (e.type === 'blob' && e.mode !== '120000') {
        const bytes = await readBlobAt(repo, e.oid);
        files.push({
          path,
          mode: e.mode,
          size: bytes.length,
          ...(bytes.length <= MAX_FILE_BYTES ? { bytes } : {}),
        });
      } else {
        files.push({ path, mode: e.type === 'tree' ? '040000' : e.mode, size: 0 });
      }
    }
  };
  if (tree) await walk(tree, '');
  return { head, files };
};

const idsIn = async (repo: Repo, treeOid: string, out: Set<string>): Promise<void> => {
  for (const e of await readTreeAt(repo, treeOid)) {
    if (e.type === 'tree') await idsIn(repo, e.oid, out);
    else if (e.path.endsWith('.json')) out.add(e.path.slice(0, -5));
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
    for (const name of proposalDir(proposal).split('/')) {
      const entries = await readTreeAt(repo, tree);
      const entry = entries.find((e) => e.path === name && e.type === 'tree');
      if (!entry) return ids;
      tree = entry.oid;
    }
    await idsIn(repo, tree, ids);
    if (ids.delete('proposal')) ids.add(proposal);
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

/**
 * Every commit a peer brings must only add to each of its parents: a path a parent holds is in
 * the commit with the same content. So a history that removes or changes a file anywhere on the
 * way is refused at the door, not only where it shows at the tip; and, with the tip's own shape
 * checked, no commit of it holds a tree the ledger would refuse (an ancestor's tree is a part of
 * the tip's). Only the entries of the parent are walked, and only into folders that differ, each
 * pair of folders once: an honest history costs a few entries a commit, a hostile one no more than
 * its objects.
 */
import { StewardError } from '../../../shared/errors';
import type { RawEntry } from '../ledger/tree';
import { readCommit, readTree, type ReadObject } from './graph';
import type { PackedObject } from './pack';

const isTree = (mode: string): boolean => mode === '040000' || mode === '40000';

export const checkAdditive = async (read: ReadObject, needed: PackedObject[]): Promise<void> => {
  const trees = new Map<string, Map<string, RawEntry>>();
  const entries = async (oid: string): Promise<Map<string, RawEntry>> => {
    let found = trees.get(oid);
    if (!found) {
      found = new Map((await readTree(read, oid)).map((e) => [e.name, e]));
      if (trees.size > 50_000) trees.clear();
      trees.set(oid, found);
    }
    return found;
  };
  const compared = new Set<string>();
  const compare = async (commit: string, before: string, after: string, prefix: string) => {
    const key = `${before}:${after}`;
    if (before === after || compared.has(key)) return;
    compared.add(key);
    const now = await entries(after);
    for (const e of (await entries(before)).values()) {
      const n = now.get(e.name);
      if (n && n.oid === e.oid && n.mode === e.mode) continue;
      const path = prefix + e.name;
      if (n && isTree(e.mode) && isTree(n.mode)) {
        await compare(commit, e.oid, n.oid, `${path}/`);
        continue;
      }
      throw new StewardError(
        'sync-refused',
        `refused: commit ${commit} of the incoming history ${n ? 'changes' : 'deletes'} ${path}; statements are never rewritten or removed, so nothing was synced`,
        { commit, path },
      );
    }
  };
  for (const object of needed) {
    if (object.type !== 'commit') continue;
    const { tree, parents } = await readCommit(read, object.oid);
    for (const parent of parents) {
      await compare(object.oid, (await readCommit(read, parent)).tree, tree, '');
    }
  }
};

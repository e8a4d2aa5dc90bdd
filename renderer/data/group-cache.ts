import type { GroupSnapshot } from '../../shared/api-channels';
import type { ProposalView } from '../../shared/derive/state';
import { fingerprint } from './fingerprint';
import { DirectoryDb, GroupDb, type MetaRow, type ProposalRow } from './group-db';
import { queryWords, wordsOf } from './words';

/** Rows one `save` put or deleted, per table: what an incremental update cost. */
export type Saved = { proposals: number; deleted: number; members: number; models: number };

export type GroupCache = {
  /** The snapshot saved last in this browser, if any. */
  read: () => Promise<GroupSnapshot | undefined>;
  /** Brings the cache to `snapshot`, writing only the rows that changed, in one transaction. */
  save: (snapshot: GroupSnapshot) => Promise<Saved>;
  /** Ids of the proposals with a word starting with each word of `query` (all, if none). */
  search: (query: string) => Promise<Set<string> | undefined>;
};

const rowOf = (view: ProposalView, print: string): ProposalRow => ({
  id: view.id,
  status: view.status,
  kind: view.kind,
  created: view.created,
  deadline: view.deadline,
  title: view.title,
  words: wordsOf(`${view.title}\n${view.body}`),
  print,
  view,
});

/** What the cache holds now, to compare the next snapshot with. */
type Known = {
  group: string;
  db: GroupDb;
  proposals: Map<string, string>;
  members: Map<string, string>;
  models: Map<string, string>;
};

const changed = <T>(rows: T[], key: (row: T) => string, known: Map<string, string>) => {
  const put = rows.filter((r) => known.get(key(r)) !== JSON.stringify(r));
  const gone = new Set(known.keys());
  for (const r of rows) gone.delete(key(r));
  return { put, gone: [...gone] };
};

/**
 * The derived state mirrored in IndexedDB, one database per group, so the app opens at once on
 * the last state and searches locally. A cache only: deleting it loses nothing, the next start
 * fetches the state again. Undefined where there is no IndexedDB at all.
 */
export const openGroupCache = (): GroupCache | undefined => {
  if (typeof indexedDB === 'undefined') return undefined;
  const directory = new DirectoryDb();
  let known: Known | undefined;

  const fresh = (group: string): Known => {
    if (known?.group === group) return known;
    known?.db.close();
    return {
      group,
      db: new GroupDb(group),
      proposals: new Map(),
      members: new Map(),
      models: new Map(),
    };
  };

  const read = async (): Promise<GroupSnapshot | undefined> => {
    const last = await directory.groups.orderBy('seen').last();
    if (last === undefined) return undefined;
    const k = fresh(last.id);
    known = k;
    const { db } = k;
    const [meta, rows, members, models] = await db.transaction(
      'r',
      [db.meta, db.proposals, db.members, db.models],
      () =>
        Promise.all([
          db.meta.get('snapshot'),
          db.proposals.toArray(),
          db.members.toArray(),
          db.models.toArray(),
        ]),
    );
    if (meta === undefined) return undefined;
    for (const r of rows) k.proposals.set(r.id, r.print);
    for (const m of members) k.members.set(m.id, JSON.stringify(m));
    for (const m of models) k.models.set(m.slug, JSON.stringify(m));
    const proposals = rows
      .map((r) => r.view)
      .sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
    return { head: meta.head, state: { ...meta.rest, members, models, proposals } };
  };

  const save = async ({ head, state }: GroupSnapshot): Promise<Saved> => {
    const none = { proposals: 0, deleted: 0, members: 0, models: 0 };
    if (state.group === undefined) return none;
    const k = fresh(state.group.id);
    const { db } = k;
    const prints = state.proposals.map(fingerprint);
    const put = state.proposals.flatMap((p, i) =>
      k.proposals.get(p.id) === prints[i] ? [] : [rowOf(p, prints[i]!)],
    );
    const gone = new Set(k.proposals.keys());
    for (const p of state.proposals) gone.delete(p.id);
    const members = changed(state.members, (m) => m.id, k.members);
    const models = changed(state.models, (m) => m.slug, k.models);
    const rest: MetaRow['rest'] = { ...state };
    for (const table of ['proposals', 'members', 'models'] as const)
      delete (rest as Partial<typeof state>)[table];
    await db.transaction('rw', [db.meta, db.proposals, db.members, db.models], async () => {
      if (put.length > 0) await db.proposals.bulkPut(put);
      if (gone.size > 0) await db.proposals.bulkDelete([...gone]);
      if (members.put.length > 0) await db.members.bulkPut(members.put);
      if (members.gone.length > 0) await db.members.bulkDelete(members.gone);
      if (models.put.length > 0) await db.models.bulkPut(models.put);
      if (models.gone.length > 0) await db.models.bulkDelete(models.gone);
      await db.meta.put({ key: 'snapshot', head, at: Date.now(), rest });
    });
    // Only once the transaction committed: a failed one leaves `known` as the tables are.
    for (const r of put) k.proposals.set(r.id, r.print);
    for (const id of gone) k.proposals.delete(id);
    for (const m of members.put) k.members.set(m.id, JSON.stringify(m));
    for (const id of members.gone) k.members.delete(id);
    for (const m of models.put) k.models.set(m.slug, JSON.stringify(m));
    for (const slug of models.gone) k.models.delete(slug);
    known = k;
    await directory.groups.put({ id: k.group, seen: Date.now() });
    return {
      proposals: put.length,
      deleted: gone.size,
      members: members.put.length + members.gone.length,
      models: models.put.length + models.gone.length,
    };
  };

  const search = async (query: string): Promise<Set<string> | undefined> => {
    const words = queryWords(query);
    if (words.length === 0 || known === undefined) return undefined;
    const { db } = known;
    let found: Set<string> | undefined;
    for (const w of words) {
      const ids = await db.proposals.where('words').startsWith(w).primaryKeys();
      found = new Set(ids.filter((id) => found === undefined || found.has(id)));
      if (found.size === 0) break;
    }
    return found;
  };

  return { read, save, search };
};

import { Dexie, type EntityTable } from 'dexie';
import type { ProposalKind } from '../../shared/format/kinds';
import { fieldsOf, emptyDraft, type Draft, type Fields } from '../new-proposal/draft';

/** A proposal being written, kept on this device until it is proposed or deleted. */
export type DraftRow = {
  id: string;
  /** The group it is written for (none: a draft kept before drafts knew their group). */
  group?: string;
  kind: ProposalKind;
  title: string;
  body: string;
  /** The form's inputs as typed, unchecked. */
  params: Fields;
  /** Milliseconds since the epoch. */
  updated: number;
};

/** The draft that was open in the form for a group ('' for none), to open it again there. */
type OpenRow = { group: string; id: string };

export const draftsDbName = 'steward-drafts';

class DraftsDb extends Dexie {
  drafts!: EntityTable<DraftRow, 'id'>;
  current!: EntityTable<OpenRow, 'group'>;

  constructor() {
    super(draftsDbName);
    this.version(1).stores({ drafts: 'id, updated' });
    this.version(2).stores({ drafts: 'id, updated, group' });
    this.version(3).stores({ drafts: 'id, updated, group', current: 'group' });
  }
}

export type Drafts = {
  /** The drafts for `group` (and those kept before drafts knew their group), newest first. */
  list: (group: string | undefined) => Promise<DraftRow[]>;
  save: (id: string, draft: Draft, now: number, group: string | undefined) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** The draft last open in the form for `group`, if it is still kept. */
  lastOpen: (group: string | undefined) => Promise<DraftRow | undefined>;
  /** Marks the draft open in the form (none: a fresh form). */
  setOpen: (group: string | undefined, id: string | undefined) => Promise<void>;
};

let opened: Promise<Drafts | undefined> | undefined;

/** The drafts on this device, or undefined when the browser keeps no IndexedDB (private modes). */
export const openDrafts = (): Promise<Drafts | undefined> => (opened ??= open());

const open = async (): Promise<Drafts | undefined> => {
  if (typeof indexedDB === 'undefined') return undefined;
  const db = new DraftsDb();
  try {
    await db.open();
  } catch (error) {
    if (error instanceof Dexie.DexieError) return undefined;
    throw error;
  }
  return {
    list: (group) =>
      db.drafts
        .orderBy('updated')
        .reverse()
        .filter((row) => row.group === undefined || row.group === group)
        .toArray(),
    save: async (id, draft, now, group) => {
      const { kind, title, body } = draft;
      await db.drafts.put({
        id,
        ...(group !== undefined && { group }),
        kind,
        title,
        body,
        params: fieldsOf(draft),
        updated: now,
      });
    },
    remove: async (id) => {
      await db.transaction('rw', db.drafts, db.current, async () => {
        await db.drafts.delete(id);
        await db.current.filter((row) => row.id === id).delete();
      });
    },
    lastOpen: async (group) => {
      const current = await db.current.get(group ?? '');
      return current && db.drafts.get(current.id);
    },
    setOpen: async (group, id) => {
      if (id === undefined) await db.current.delete(group ?? '');
      else await db.current.put({ group: group ?? '', id });
    },
  };
};

/** A saved draft back in the form: missing fields (an older draft) take their empty values. */
export const draftOf = (row: DraftRow): Draft => ({
  ...emptyDraft,
  ...fieldsOf(row.params),
  kind: row.kind,
  title: row.title,
  body: row.body,
});

/** Unique enough for one device, and works outside secure contexts, unlike randomUUID. */
export const newDraftId = (now: number): string =>
  `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

import { Dexie, type EntityTable } from 'dexie';
import type { MemberView, ModelView, ProposalView } from '../../shared/derive/state';
import type { GroupSnapshot } from '../../shared/api-channels';

/** A proposal as cached: the view whole, beside the fields the list filters, sorts and searches on. */
export type ProposalRow = {
  id: string;
  status: ProposalView['status'];
  kind: ProposalView['kind'];
  created: string;
  deadline: string;
  title: string;
  /** Lowercase words of title and body (multiEntry index): the search. */
  words: string[];
  /** What changes when the proposal does (see fingerprint.ts). */
  print: string;
  view: ProposalView;
};

/** The rest of the derived state (group, charter, quarantined, …) and the head it was saved at. */
export type MetaRow = {
  key: 'snapshot';
  head: string;
  at: number;
  rest: Omit<GroupSnapshot['state'], 'proposals' | 'members' | 'models'>;
};

/** One group's cache of its derived state: a copy, rebuilt from the server whenever it is lost. */
export class GroupDb extends Dexie {
  proposals!: EntityTable<ProposalRow, 'id'>;
  members!: EntityTable<MemberView, 'id'>;
  models!: EntityTable<ModelView, 'slug'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(group: string) {
    super(groupDbName(group));
    this.version(1).stores({
      proposals: 'id, status, kind, created, deadline, title, *words',
      members: 'id',
      models: 'slug',
      meta: 'key',
    });
  }
}

export const groupDbName = (group: string): string => `steward-cache-${group}`;

/** Which group this browser showed last, so its cache opens before the server answers. */
export class DirectoryDb extends Dexie {
  groups!: EntityTable<{ id: string; seen: number }, 'id'>;

  constructor() {
    super(directoryDbName);
    this.version(1).stores({ groups: 'id, seen' });
  }
}

export const directoryDbName = 'steward-cache';

import { createStore } from 'zustand/vanilla';
import type { Status } from '../../shared/derive/state';
import type { ProposalKind } from '../../shared/format/kinds';

export type SortOrder = 'newest' | 'deadline';

export type ListState = {
  status: Status | 'all';
  kind: ProposalKind | 'all';
  query: string;
  sort: SortOrder;
  /** Index of the keyboard selection in the filtered list. */
  selected: number;
  setFilter: (filter: Partial<Pick<ListState, 'status' | 'kind' | 'query' | 'sort'>>) => void;
  select: (index: number) => void;
};

/** The proposal list's filters and selection: UI state only, no IO. */
export const createListStore = () =>
  createStore<ListState>()((set) => ({
    status: 'all',
    kind: 'all',
    query: '',
    sort: 'newest',
    selected: 0,
    setFilter: (filter) => set({ ...filter, selected: 0 }),
    select: (selected) => set({ selected }),
  }));

export type ListStore = ReturnType<typeof createListStore>;

/** ownership.csv: every change to a model's owners, with who owns what after it. */
import type { ModelView, ShareChange } from '../../../shared/derive/state';
import type { Names } from './people';
import type { Cell, Table } from './table';

const columns = [
  'model',
  'model name',
  'at',
  'proposal id',
  'change',
  'change (ids)',
  'owners after',
  'owners after (ids)',
];

const HEX_ID = /\b[0-9a-f]{64}\b/g;

const row = (model: ModelView, h: ShareChange, names: Names): Cell[] => {
  // By name, then id: the order a reader looks for, the same in both columns.
  const owners = h.owners
    .map((o) => ({ ...o, name: names(o.member) || o.member }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.member < b.member ? -1 : 1));
  return [
    model.slug,
    model.name,
    h.at,
    h.proposal,
    h.change.replace(HEX_ID, (id) => names(id) || id),
    h.change,
    owners.map((o) => `${o.name}=${o.shares}`).join('; '),
    owners.map((o) => `${o.member}=${o.shares}`).join('; '),
  ];
};

/** Changes made by the given proposals, by time, then model. */
export const ownershipTable = (
  models: ModelView[],
  proposals: ReadonlySet<string>,
  names: Names,
): Table => ({
  file: 'ownership.csv',
  title: 'Ownership',
  columns,
  rows: models
    .flatMap((m) => m.history.filter((h) => proposals.has(h.proposal)).map((h) => ({ m, h })))
    .sort((a, b) => (a.h.at === b.h.at ? (a.m.slug < b.m.slug ? -1 : 1) : a.h.at < b.h.at ? -1 : 1))
    .map(({ m, h }) => row(m, h, names)),
});

import type { ProposalKind } from '../../shared/format/kinds';
import type { DerivedState } from '../../shared/derive/state';

export type ShareRow = { member: string; shares: string };
export type FileRow = { path: string; sha256: string };
export type ChangeRow = { key: string; value: string };

/** What the form holds for every kind, as typed: checked and converted only by `toRequest`. */
export type Fields = {
  options: string[];
  method: 'approval' | 'ranked';
  /** An existing model's slug, chosen from a picker. */
  model: string;
  from: string;
  to: string;
  shares: string;
  key: string;
  name: string;
  member: string;
  changes: ChangeRow[];
  /** A new model's slug, typed. */
  slug: string;
  license: string;
  owners: ShareRow[];
  version: string;
  files: FileRow[];
  purpose: string;
};

export type Draft = Fields & { kind: ProposalKind; title: string; body: string };

export const emptyFields: Fields = {
  options: ['', ''],
  method: 'approval',
  model: '',
  from: '',
  to: '',
  shares: '',
  key: '',
  name: '',
  member: '',
  changes: [{ key: 'quorum', value: '' }],
  slug: '',
  license: '',
  owners: [{ member: '', shares: '' }],
  version: '',
  files: [],
  purpose: '',
};

export const emptyDraft: Draft = { kind: 'resolution', title: '', body: '', ...emptyFields };

export type Change = (patch: Partial<Draft>) => void;
export type FieldsProps = { draft: Draft; state: DerivedState; change: Change };

/** The draft's own inputs, without kind, title and body: what a saved draft keeps as `params`. */
export const fieldsOf = (draft: Partial<Draft>): Fields =>
  Object.fromEntries(
    (Object.keys(emptyFields) as (keyof Fields)[]).map((k) => [k, draft[k] ?? emptyFields[k]]),
  ) as Fields;

/** Whether the user has typed anything worth keeping. */
export const isBlank = (draft: Draft): boolean =>
  draft.title.trim() === '' &&
  draft.body.trim() === '' &&
  JSON.stringify(fieldsOf(draft)) === JSON.stringify(emptyFields);

export const sharesOf = (state: DerivedState, model: string, member: string): number =>
  state.models.find((m) => m.slug === model)?.owners.find((o) => o.member === member)?.shares ?? 0;

/** The rows of an amend-charter form: which settings exist, and what each row asks to change. */
import { parseSetting } from '../../shared/charter';
import { formatDuration } from '../../shared/duration';
import { proposalKinds } from '../../shared/format/kinds';
import type { CharterChange } from '../../shared/format/types';
import { no, ok, type Checked } from './checks';
import type { ChangeRow } from './draft';

export const groupKeys = ['name', 'requireApproval', 'readAccess'] as const;
export const ruleFields = ['quorum', 'threshold', 'votingPeriod', 'electorate', 'weight'] as const;
export const ruleKeys = (kind: string): string[] => ruleFields.map((f) => `rules.${kind}.${f}`);
export const allRuleKeys = proposalKinds.flatMap(ruleKeys);

const fieldOf = (key: string): string => (key.startsWith('rules.') ? key.split('.')[2]! : key);

/** The values a setting can take, when they are a closed list. */
export const choicesFor = (key: string): string[] | undefined => {
  switch (fieldOf(key)) {
    case 'requireApproval':
      return ['true', 'false'];
    case 'readAccess':
      return ['anyone', 'members'];
    case 'electorate':
      return ['members', 'owners'];
    case 'weight':
      return ['equal', 'shares'];
    default:
      return undefined;
  }
};

export const hintFor = (key: string): string => {
  switch (fieldOf(key)) {
    case 'quorum':
    case 'threshold':
      return 'a fraction from 0 to 1, e.g. 0.5';
    case 'votingPeriod':
      return 'a duration, e.g. 72h or 3d';
    case 'name':
      return 'the group’s new name';
    default:
      return '';
  }
};

/** A bare rule field ("quorum") applies to every kind that accepts its value. */
export const describeKey = (key: string): string => {
  if (key.startsWith('rules.')) {
    const [, kind, field] = key.split('.');
    return `${field} of ${kind}`;
  }
  return (ruleFields as readonly string[]).includes(key) ? `${key} of every kind` : key;
};

export const describeValue = (change: CharterChange): string =>
  fieldOf(change.key) === 'votingPeriod' && typeof change.value === 'number'
    ? formatDuration(change.value)
    : String(change.value);

/** Every row as the changes it makes (a bare field fans out), or what is wrong with one. */
export const charterChanges = (rows: ChangeRow[]): Checked<CharterChange[]> => {
  const changes: CharterChange[] = [];
  for (const row of rows) {
    if (row.value.trim() === '') continue;
    try {
      changes.push(...parseSetting(`${row.key}=${row.value}`));
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      return no(`${describeKey(row.key)}: ${error.message}.`);
    }
  }
  const keys = changes.map((c) => c.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) return no(`${describeKey(twice)} is changed twice.`);
  if (changes.length === 0) return no('Give at least one setting a new value.');
  return changes.length > 100 ? no('At most 100 changes fit in one amendment.') : ok(changes);
};

/**
 * The rows of an amend-charter form: which settings exist, how each is named and shown in words
 * (percentages, "3 days"), and what each row asks to change once converted to the charter's units.
 */
import { parseSetting, type Charter } from '../../shared/charter';
import { proposalKinds, type ProposalKind } from '../../shared/format/kinds';
import { kindLabel } from '../../shared/format/kind-labels';
import type { CharterChange } from '../../shared/format/types';
import { no, ok, type Checked } from './checks';
import type { ChangeRow } from './draft';

export const groupKeys = ['name', 'requireApproval', 'readAccess'] as const;
export const ruleFields = ['quorum', 'threshold', 'votingPeriod', 'electorate', 'weight'] as const;
export const ruleKeys = (kind: string): string[] => ruleFields.map((f) => `rules.${kind}.${f}`);
export const allRuleKeys = proposalKinds.flatMap(ruleKeys);

export const fieldOf = (key: string): string =>
  key.startsWith('rules.') ? key.split('.')[2]! : key;

const settingNames: Record<string, string> = {
  name: 'Group name',
  requireApproval: 'Approved use needed before a model runs',
  readAccess: 'Who may read the group',
  quorum: 'Quorum',
  threshold: 'Threshold to pass',
  votingPeriod: 'Voting period',
  electorate: 'Who votes',
  weight: 'How votes count',
};

const choiceWords: Record<string, Record<string, string>> = {
  requireApproval: { true: 'Yes', false: 'No' },
  readAccess: { anyone: 'Anyone who can reach it', members: 'Members only' },
  electorate: { members: 'All members', owners: 'The model’s owners' },
  weight: { equal: 'One vote each', shares: 'By shares held' },
};

/** The values a setting can take, when they are a closed list: [value, words]. */
export const choicesFor = (key: string): [string, string][] | undefined => {
  const words = choiceWords[fieldOf(key)];
  return words && Object.entries(words);
};

/** How the value of a setting is entered: a percentage, a duration, or text. */
export const unitOf = (key: string): 'percent' | 'duration' | 'text' => {
  const field = fieldOf(key);
  if (field === 'quorum' || field === 'threshold') return 'percent';
  return field === 'votingPeriod' ? 'duration' : 'text';
};

/** A setting in words: "Quorum for every kind", "Voting period for “Add a member”". */
export const describeKey = (key: string): string => {
  const field = fieldOf(key);
  const name = settingNames[field] ?? field;
  if (key.startsWith('rules.'))
    return `${name} for “${kindLabel(key.split('.')[1] as ProposalKind)}”`;
  return (ruleFields as readonly string[]).includes(key) ? `${name} for every kind` : name;
};

/** A duration in seconds as people say it: "3 days", "1 hour", "90 minutes". */
export const durationWords = (seconds: number): string => {
  const plural = (n: number, unit: string) =>
    `${n.toLocaleString('en')} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds % 86400 === 0) return plural(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
};

/** A setting's value as a person reads it: 50%, 3 days, All members. */
export const valueWords = (key: string, value: string | number | boolean): string => {
  const field = fieldOf(key);
  if (typeof value === 'number' && unitOf(key) === 'percent')
    return `${Number((value * 100).toFixed(2))}%`;
  if (typeof value === 'number' && field === 'votingPeriod') return durationWords(value);
  return choiceWords[field]?.[String(value)] ?? String(value);
};

export const describeValue = (change: CharterChange): string =>
  valueWords(change.key, change.value);

/** What the charter says now for `key`; a bare field that differs between kinds "varies". */
export const currentValue = (charter: Charter | undefined, key: string): string | undefined => {
  if (charter === undefined) return undefined;
  if (key === 'name') return charter.name;
  if (key === 'requireApproval' || key === 'readAccess') return valueWords(key, charter[key]);
  const field = fieldOf(key) as (typeof ruleFields)[number];
  const kinds = key.startsWith('rules.')
    ? [key.split('.')[1] as ProposalKind]
    : proposalKinds.filter((k) => field !== 'electorate' || charter.rules[k] !== undefined);
  const values = [...new Set(kinds.map((k) => charter.rules[k]?.[field]))];
  if (values.length !== 1 || values[0] === undefined) return 'varies by kind';
  return valueWords(key, values[0]);
};

/** A duration row's value ("3d", "72h") as its number and unit, days unless it says hours. */
export const durationParts = (value: string): { amount: string; unit: 'h' | 'd' } => {
  const match = /^(\d*)\s*([hd]?)$/.exec(value.trim());
  return { amount: match?.[1] ?? '', unit: match?.[2] === 'h' ? 'h' : 'd' };
};

/** A row's value in the charter's own terms (a fraction, "3d"), or what is wrong with it. */
const settingOf = (row: ChangeRow): Checked<string> => {
  const value = row.value.trim();
  switch (unitOf(row.key)) {
    case 'percent': {
      const n = Number(value.replace(/%$/, ''));
      return value !== '' && Number.isFinite(n) && n >= 0 && n <= 100
        ? ok(String(Number((n / 100).toFixed(6))))
        : no(`${describeKey(row.key)}: give a percentage from 0 to 100.`);
    }
    case 'duration': {
      const { amount, unit } = durationParts(value);
      const n = Number(amount);
      return amount !== '' && Number.isInteger(n) && n >= 1
        ? ok(`${n}${unit}`)
        : no(`${describeKey(row.key)}: give a whole number of hours or days, at least 1.`);
    }
    case 'text':
      return ok(value);
  }
};

/** Every row as the changes it makes (a bare field fans out), or what is wrong with one. */
export const charterChanges = (rows: ChangeRow[]): Checked<CharterChange[]> => {
  const changes: CharterChange[] = [];
  for (const row of rows) {
    if (
      row.value.trim() === '' ||
      (unitOf(row.key) === 'duration' && durationParts(row.value).amount === '')
    )
      continue;
    const setting = settingOf(row);
    if (!setting.ok) return setting;
    try {
      changes.push(...parseSetting(`${row.key}=${setting.value}`));
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

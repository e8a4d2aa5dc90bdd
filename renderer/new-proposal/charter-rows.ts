/**
 * The rows of an amend-charter form: which settings exist, how each is named and shown in words
 * (percentages, "3 days"), and what each row asks to change once converted to the charter's units.
 */
import { parseSetting, type Charter } from '../../shared/charter';
import { proposalKinds } from '../../shared/format/kinds';
import { currentValue, settingName, settingValue } from '../decides/words';
import type { CharterChange } from '../../shared/format/types';
import { no, ok, type Checked } from './checks';
import type { ChangeRow } from './draft';

export const groupKeys = ['name', 'requireApproval', 'readAccess'] as const;
export const ruleFields = ['quorum', 'threshold', 'votingPeriod', 'electorate', 'weight'] as const;
export const ruleKeys = (kind: string): string[] => ruleFields.map((f) => `rules.${kind}.${f}`);
export const allRuleKeys = proposalKinds.flatMap(ruleKeys);

export const fieldOf = (key: string): string =>
  key.startsWith('rules.') ? key.split('.')[2]! : key;

const choiceValues: Record<string, string[]> = {
  requireApproval: ['true', 'false'],
  readAccess: ['anyone', 'members'],
  electorate: ['members', 'owners'],
  weight: ['equal', 'shares'],
};

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A setting's value in words, as the proposal page shows it: 50%, 3 days, all members. */
export const valueWords = (key: string, value: string | number | boolean): string =>
  settingValue(
    key,
    key === 'requireApproval' && typeof value === 'string' ? value === 'true' : value,
  );

/** The values a setting can take, when they are a closed list: [value, words]. */
export const choicesFor = (key: string): [string, string][] | undefined =>
  choiceValues[fieldOf(key)]?.map((v) => [v, capital(valueWords(key, v))]);

/** How the value of a setting is entered: a percentage, a duration, or text. */
export const unitOf = (key: string): 'percent' | 'duration' | 'text' => {
  const field = fieldOf(key);
  if (field === 'quorum' || field === 'threshold') return 'percent';
  return field === 'votingPeriod' ? 'duration' : 'text';
};

/** A setting in words: "Quorum, every kind", "Voting period for “Add a member”". */
export const describeKey = settingName;

export const describeValue = (change: CharterChange): string =>
  valueWords(change.key, change.value);

/** What the charter says now for `key`, in words; a bare field that differs by kind "varies". */
export const nowWords = (charter: Charter | undefined, key: string): string | undefined => {
  if (charter === undefined) return undefined;
  const keys =
    key.startsWith('rules.') || !(ruleFields as readonly string[]).includes(key)
      ? [key]
      : proposalKinds.map((kind) => `rules.${kind}.${key}`);
  const values = [...new Set(keys.map((k) => currentValue(charter, k)))];
  if (values.length !== 1 || values[0] === undefined) return 'varies by kind';
  return capital(valueWords(key, values[0]));
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

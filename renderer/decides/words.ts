/**
 * Small things a decision names, in words: a public key as a short fingerprint, a file's size, a
 * duration as "3 days", a fraction as a percentage, and each charter setting with its value.
 */
import { kindLabel } from '../../shared/format/kind-labels';
import type { ProposalKind } from '../../shared/format/kinds';
import type { Charter } from '../../shared/charter';
import type { CharterChange } from '../../shared/format/types';

/** The first 16 characters of a key in groups of four, then its last four: enough to compare. */
export const keyFingerprint = (key: string): string => {
  if (key.length <= 20) return key;
  const head = key
    .slice(0, 16)
    .match(/.{1,4}/g)!
    .join(' ');
  return `${head} … ${key.slice(-4)}`;
};

export const fileSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
};

const durationUnits = [
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
] as const;

/** 259200 → "3 days"; 5400 → "90 minutes"; 45 → "45 seconds". */
export const durationWords = (seconds: number): string => {
  for (const [name, size] of durationUnits)
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
};

/** 0.5 → "50%", 0.667 → "66.7%". */
export const percentWords = (fraction: number): string => `${Math.round(fraction * 1000) / 10}%`;

const fieldNames: Record<string, string> = {
  quorum: 'Quorum',
  threshold: 'Threshold to pass',
  votingPeriod: 'Voting period',
  electorate: 'Who votes',
  weight: 'How votes count',
};

/** "Quorum for Add a member", "Group name", "Quorum for every kind". */
export const settingName = (key: string): string => {
  if (key === 'name') return 'Group name';
  if (key === 'requireApproval') return 'Models need an approved use before they run';
  if (key === 'readAccess') return 'Who may read the group from a member’s server';
  const [field, kind] = key.startsWith('rules.')
    ? [key.split('.')[2]!, key.split('.')[1]!]
    : [key, undefined];
  const name = fieldNames[field] ?? field;
  return kind === undefined
    ? `${name}, every kind`
    : `${name} for “${kindLabel(kind as ProposalKind)}”`;
};

/** A setting's value as people read it. */
export const settingValue = (key: string, value: string | number | boolean): string => {
  const field = key.startsWith('rules.') ? key.split('.')[2]! : key;
  switch (field) {
    case 'quorum':
    case 'threshold':
      return typeof value === 'number' ? percentWords(value) : String(value);
    case 'votingPeriod':
      return typeof value === 'number' ? durationWords(value) : String(value);
    case 'electorate':
      return value === 'owners' ? 'the model’s owners' : 'all members';
    case 'weight':
      return value === 'shares' ? 'weighted by shares' : 'one vote each';
    case 'requireApproval':
      return value === true ? 'yes' : 'no';
    case 'readAccess':
      return value === 'members' ? 'members only' : 'anyone who can reach it';
    default:
      return String(value);
  }
};

/** A setting's value in a charter, if the charter has it (a bare rule field has no one value). */
export const currentValue = (
  charter: Charter | undefined,
  key: string,
): string | number | boolean | undefined => {
  if (charter === undefined) return undefined;
  if (key === 'name') return charter.name;
  if (key === 'requireApproval') return charter.requireApproval;
  if (key === 'readAccess') return charter.readAccess;
  if (!key.startsWith('rules.')) return undefined;
  const [, kind, field] = key.split('.');
  const rule = charter.rules[kind as ProposalKind] as Record<string, unknown> | undefined;
  const value = rule?.[field!];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
};

export type SettingRow = { key: string; name: string; before?: string; after: string };

export const settingRows = (changes: CharterChange[], before: Charter | undefined): SettingRow[] =>
  changes.map((c) => {
    const old = currentValue(before, c.key);
    return {
      key: c.key,
      name: settingName(c.key),
      before: old === undefined ? undefined : settingValue(c.key, old),
      after: settingValue(c.key, c.value),
    };
  });

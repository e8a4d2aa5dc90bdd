/** The charter's rules: defaults for a new group, and amendments by `amend-charter`. */
import { parseDuration } from './duration';
import { proposalKinds, modelKinds, type ProposalKind } from './format/kinds';
import type { CharterChange, Rule, Rules } from './format/types';

/** Who may read the repo from a member's `steward serve`: anyone who can reach it, or members. */
export type ReadAccess = 'anyone' | 'members';

export type Charter = {
  name: string;
  rules: Rules;
  requireApproval: boolean;
  readAccess: ReadAccess;
};

export type RuleDefaults = { quorum?: number; threshold?: number; votingPeriod?: number };

/** Model kinds are decided by the model's owners, weighted by shares; the rest by all members. */
export const defaultRules = (d: RuleDefaults = {}): Rules => {
  const base = { quorum: d.quorum ?? 0.5, threshold: d.threshold ?? 0.5 };
  const votingPeriod = d.votingPeriod ?? 72 * 3600;
  return Object.fromEntries(
    proposalKinds.map((kind) => {
      const byOwners = modelKinds.includes(kind);
      const rule: Rule = {
        electorate: byOwners ? 'owners' : 'members',
        weight: byOwners ? 'shares' : 'equal',
        ...base,
        votingPeriod,
      };
      return [kind, rule];
    }),
  ) as Rules;
};

const ruleFields = ['electorate', 'weight', 'quorum', 'threshold', 'votingPeriod'] as const;
type RuleField = (typeof ruleFields)[number];

const isFraction = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

/** Checks one change; returns why it is invalid, or undefined when it can be applied. */
export const checkChange = (change: CharterChange): string | undefined => {
  const { key, value } = change;
  if (key === 'name')
    return typeof value === 'string' && value.trim() ? undefined : 'name must be text';
  if (key === 'requireApproval')
    return typeof value === 'boolean' ? undefined : 'requireApproval must be true or false';
  if (key === 'readAccess')
    return value === 'anyone' || value === 'members'
      ? undefined
      : 'readAccess must be anyone or members';
  const [, kind, field] = key.split('.');
  if (!proposalKinds.includes(kind as ProposalKind)) return `unknown proposal kind "${kind}"`;
  switch (field as RuleField) {
    case 'electorate':
      if (value !== 'members' && value !== 'owners') return 'electorate must be members or owners';
      if (value === 'owners' && !modelKinds.includes(kind as ProposalKind))
        return `${kind} concerns no model, so it cannot be decided by owners`;
      return undefined;
    case 'weight':
      return value === 'equal' || value === 'shares' ? undefined : 'weight must be equal or shares';
    case 'quorum':
    case 'threshold':
      return isFraction(value) ? undefined : `${field} must be a number from 0 to 1`;
    case 'votingPeriod':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 31622400
        ? undefined
        : 'votingPeriod must be a whole number of seconds (1 s to 366 days)';
    default:
      return `unknown rule field "${field}"`;
  }
};

export const applyChanges = (charter: Charter, changes: CharterChange[]): Charter => {
  const next: Charter = { ...charter, rules: { ...charter.rules } };
  for (const { key, value } of changes) {
    if (key === 'name') next.name = String(value);
    else if (key === 'requireApproval') next.requireApproval = value === true;
    else if (key === 'readAccess') next.readAccess = value === 'members' ? 'members' : 'anyone';
    else {
      const [, kind, field] = key.split('.') as [string, ProposalKind, RuleField];
      next.rules[kind] = { ...next.rules[kind], [field]: value };
    }
  }
  return next;
};

/**
 * Reads the command line's `KEY=VALUE`: `name`, `requireApproval`, `readAccess`, `rules.KIND.FIELD`, or a bare
 * FIELD (`quorum`, `threshold`, `votingPeriod`/`voting-period`, `electorate`, `weight`) that sets
 * it for every kind that accepts the value.
 */
export const parseSetting = (text: string): CharterChange[] => {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new Error(`expected KEY=VALUE, got "${text}"`);
  const rawKey = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const key = rawKey === 'voting-period' ? 'votingPeriod' : rawKey;
  const field = key.startsWith('rules.') ? key.split('.')[2] : key;
  const value = parseValue(field ?? key, raw);
  const changes: CharterChange[] = (ruleFields as readonly string[]).includes(key)
    ? proposalKinds
        .map((kind) => ({ key: `rules.${kind}.${key}`, value }))
        .filter((c) => key !== 'electorate' || value !== 'owners' || checkChange(c) === undefined)
    : [{ key, value }];
  for (const change of changes) {
    const problem = checkChange(change);
    if (problem) throw new Error(problem);
  }
  return changes;
};

const parseValue = (field: string, raw: string): string | number | boolean => {
  if (field === 'requireApproval') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new Error('requireApproval must be true or false');
  }
  if (field === 'quorum' || field === 'threshold') {
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) throw new Error(`${field} must be a number from 0 to 1`);
    return n;
  }
  if (field === 'votingPeriod') {
    const seconds = parseDuration(raw);
    if (seconds === undefined)
      throw new Error(`votingPeriod must be a duration like 72h, got "${raw}"`);
    return seconds;
  }
  return raw;
};

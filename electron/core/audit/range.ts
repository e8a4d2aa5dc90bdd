/**
 * The audit's period. A proposal belongs to it when its `created` time falls inside, bounds
 * included; every row about that proposal (its votes, the ownership changes it made) goes with it,
 * so each file of one export describes the same set of decisions, complete, and no decision is
 * split between two periods. A bare date (`2026-01-31`) means that whole day in UTC.
 */
import { StewardError } from '../../../shared/errors';

export type AuditRange = { from?: string; to?: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** A bound as milliseconds: a date's first instant, or with `end`, the first instant after it. */
const boundOf = (text: string, name: 'from' | 'to'): number => {
  const bare = DATE.test(text);
  const ms = Date.parse(bare ? `${text}T00:00:00.000Z` : text);
  const exact = bare
    ? !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text
    : !Number.isNaN(ms) && new Date(ms).toISOString() === text;
  if (!exact)
    throw new StewardError(
      'invalid-argument',
      `${name}: "${text}" is not a date (YYYY-MM-DD) or an ISO timestamp`,
      { [name]: text },
    );
  return bare && name === 'to' ? ms + DAY_MS : name === 'to' ? ms + 1 : ms;
};

/** A test for timestamps in the range; throws `invalid-argument` for a malformed or empty one. */
export const rangeTest = (range: AuditRange): ((iso: string) => boolean) => {
  const from = range.from === undefined ? -Infinity : boundOf(range.from, 'from');
  // `to` is exclusive inside: the first instant after the inclusive bound.
  const to = range.to === undefined ? Infinity : boundOf(range.to, 'to');
  if (from >= to)
    throw new StewardError('invalid-argument', `the range ends before it starts`, { ...range });
  return (iso) => {
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
};

/** How the range reads in a report's header. */
export const rangeLabel = (range: AuditRange): string =>
  `${range.from ?? 'the beginning'} to ${range.to ?? 'the head'} (inclusive, by proposal creation, UTC)`;

/**
 * The audit report's words for what the CSV files hold as codes: dates a person reads, a
 * proposal's outcome, a tally. Pure and locale-free, so one state gives the same page anywhere.
 */
import type { ProposalView } from '../../../shared/derive/state';
import type { Tally } from '../../../shared/tally';

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const two = (n: number): string => String(n).padStart(2, '0');

/** `2026-01-02T05:00:00.000Z` as `2 Jan 2026, 05:00 UTC`; text that is no date stays as it is. */
export const readableDate = (iso: string | undefined): string => {
  if (iso === undefined || iso === '') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${day}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
};

/** The day alone: `2 Jan 2026`. */
export const readableDay = (iso: string): string => readableDate(iso).replace(/, .*$/, '');

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

const STATUS: Record<ProposalView['status'], string> = {
  open: 'Open',
  passed: 'Passed',
  rejected: 'Rejected',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

/** The status as a word, for counting and listing. */
export const statusWord = (status: ProposalView['status']): string => STATUS[status];

/** What happened to a proposal, in one line: "Passed, final", "Rejected: no consent". */
export const outcomeText = (p: ProposalView): string => {
  const closed = p.status === 'passed' || p.status === 'rejected';
  const finality = closed ? (p.final ? ', final' : ', provisional (not yet certified)') : '';
  const why = p.reason ? `: ${p.reason}` : '';
  return `${STATUS[p.status]}${finality}${why}`;
};

/** A tally in words, in the unit votes weigh in (members or shares). */
export const tallyText = (t: Tally, unit: 'equal' | 'shares'): string => {
  const u = unit === 'shares' ? ' shares' : '';
  const counts =
    t.method === 'yes-no'
      ? `${u ? 'In shares: ' : ''}${t.yes} yes · ${t.no} no · ${t.abstain} abstain`
      : t.options.map((o, i) => `${o}: ${t.counts[i] ?? 0}`).join(' · ') +
        (t.winner === null ? ' (no winner)' : ` (won: ${t.options[t.winner]})`);
  const turnout = `${t.participation} of ${t.electorate}${u} voted, quorum ${t.quorumMet ? 'met' : 'not met'}`;
  return `${counts}; ${turnout}`;
};

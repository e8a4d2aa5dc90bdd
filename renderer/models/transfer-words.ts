/**
 * How the models screen says where a version's files are and how a fetch or push is going: "All 8
 * files here", "3 of 8 files missing, 412 MB", "about 2 minutes left", and what a fetch brought.
 */
import type { FetchView, PushView } from '../../shared/api-types';
import { bytesWords } from '../../shared/format/byte-words';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export { bytesWords };

/**
 * "All 8 files here", "3 of 8 files missing, 412 MB" (the size only when every size is known);
 * `where` names another computer: "All 8 files on the host's computer".
 */
export const filesHereWords = (
  filesHere: number,
  filesTotal: number,
  missingBytes: number | null | undefined,
  where = 'here',
): string => {
  if (filesTotal === 0) return 'No files recorded';
  const missing = filesTotal - filesHere;
  if (missing <= 0)
    return filesTotal === 1 ? `The file is ${where}` : `All ${filesTotal} files ${where}`;
  const of = `${missing} of ${plural(filesTotal, 'file')} missing${where === 'here' ? '' : ` ${where}`}`;
  return typeof missingBytes === 'number' ? `${of}, ${bytesWords(missingBytes)}` : of;
};

/** Bytes per second as "3.4 MB/s"; undefined until a rate is known. */
export const rateWords = (rate: number): string | undefined =>
  rate > 0 ? `${bytesWords(rate)}/s` : undefined;

/** The time left at the current rate: "less than a minute left", "about 3 minutes left". */
export const timeLeftWords = (bytes: number, total: number, rate: number): string | undefined => {
  if (rate <= 0 || total <= 0) return undefined;
  const seconds = Math.max(0, total - bytes) / rate;
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 60) return 'less than a minute left';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${plural(minutes, 'minute')} left`;
  const hours = Math.round(seconds / 360) / 10;
  return `about ${hours.toLocaleString('en')} hour${hours === 1 ? '' : 's'} left`;
};

/** "12 MB of 412 MB · 3.4 MB/s · about 2 minutes left". */
export const progressWords = (bytes: number, total: number, rate: number): string =>
  [
    `${bytesWords(bytes)} of ${bytesWords(total)}`,
    rateWords(rate),
    timeLeftWords(bytes, total, rate),
  ]
    .filter((part): part is string => part !== undefined)
    .join(' · ');

/** What a fetch did, in one sentence. */
export const fetchSummary = (result: FetchView): string => {
  const missing = result.files.filter((f) => f.status === 'missing').length;
  const sources = [
    ...new Set(result.files.flatMap((f) => (f.status === 'fetched' && f.source) || [])),
  ];
  const brought =
    result.fetched === 0
      ? 'Nothing was fetched'
      : `Fetched ${plural(result.fetched, 'file')} (${bytesWords(result.bytes)})` +
        (sources.length > 0 ? ` from ${sources.join(', ')}` : '');
  if (missing === 0)
    return result.fetched === 0
      ? `${filesHereWords(result.files.length, result.files.length, 0)}: nothing to fetch.`
      : `${brought}.`;
  return `${brought}. Still missing: ${plural(missing, 'file')}; no source had ${missing === 1 ? 'it' : 'them'}.`;
};

/** Each copy a source served that was refused, named with its reason. */
export const refusalWords = (refused: FetchView['refused']): string[] =>
  refused.map((r) => `${r.source} was refused for ${r.path}: ${r.reason}`);

/** What a push did, in one sentence. */
export const pushSummary = (result: PushView): string => {
  const there = result.files.length - result.uploaded;
  const parts = [
    result.uploaded > 0
      ? `Uploaded ${plural(result.uploaded, 'file')} (${bytesWords(result.bytes)}) to ${result.target}`
      : `Nothing to upload to ${result.target}`,
  ];
  if (there > 0) parts.push(`${there === 1 ? '1 file was' : `${there} files were`} there already`);
  return `${parts.join('; ')}.`;
};

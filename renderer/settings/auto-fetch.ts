/**
 * "Fetch approved models automatically up to N MB": a UI preference kept in this browser, like
 * the theme. After a sync brings an approved version whose files are missing, the app fetches it
 * by itself only when what is missing is known and no larger than this; 0 means never.
 */
const KEY = 'steward.autoFetchMB';

export const DEFAULT_AUTO_FETCH_MB = 100;
/** A terabyte: anything above is a typo, not a wish. */
export const MAX_AUTO_FETCH_MB = 1_000_000;

const parse = (value: string | null): number | undefined => {
  if (value === null || !/^\d{1,7}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_AUTO_FETCH_MB ? n : undefined;
};

export const storedAutoFetchMB = (): number =>
  parse(window.localStorage.getItem(KEY)) ?? DEFAULT_AUTO_FETCH_MB;

export const chooseAutoFetchMB = (mb: number): void => {
  const n = Math.min(MAX_AUTO_FETCH_MB, Math.max(0, Math.floor(mb)));
  if (n === DEFAULT_AUTO_FETCH_MB) window.localStorage.removeItem(KEY);
  else window.localStorage.setItem(KEY, String(n));
};

/** Whether a version missing `missingBytes` may be fetched without asking (unknown: never). */
export const fetchesByItself = (
  missingBytes: number | null | undefined,
  limitMB: number,
): boolean =>
  limitMB > 0 && typeof missingBytes === 'number' && missingBytes <= limitMB * 1_000_000;

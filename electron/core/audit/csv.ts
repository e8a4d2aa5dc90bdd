/**
 * RFC 4180 CSV: CRLF line ends, a header row, and fields quoted when they hold a comma, a quote or
 * a line break. Text that a spreadsheet would run as a formula gets a leading apostrophe.
 */
import { cellText, type Cell, type Table } from './table';

/** Starts a spreadsheet reads as a formula (OWASP's list: = + - @, and tab and CR). */
const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field. Numbers are written as they are: only text can carry a formula. */
export const csvField = (cell: Cell): string => {
  let text = cellText(cell);
  if (typeof cell === 'string' && FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const toCsv = (table: Table): string =>
  [table.columns, ...table.rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');

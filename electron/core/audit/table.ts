/** What every audit file is made of: one table, rendered once as CSV and once as HTML. */

/** A cell: text, a number, a yes/no, or nothing (an empty cell). */
export type Cell = string | number | boolean | undefined;

export type Table = {
  /** The CSV file's name, e.g. `decisions.csv`. */
  file: string;
  /** The heading of the table in the HTML report. */
  title: string;
  columns: string[];
  rows: Cell[][];
};

/** The one text a cell shows in either format. */
export const cellText = (cell: Cell): string =>
  cell === undefined ? '' : typeof cell === 'boolean' ? (cell ? 'yes' : 'no') : String(cell);

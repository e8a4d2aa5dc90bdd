/** Printing results: JSON on stdout with --json, else text for people (colour only on a terminal). */
import pc from 'picocolors';
import { StewardError, type ErrorJSON } from '../../shared/errors';

export type Output = {
  json: boolean;
  /** Prints `value` as JSON, or calls `human` to print text. */
  result: (value: unknown, human: () => string) => void;
  info: (line: string) => void;
};

export const makeOutput = (json: boolean, out = process.stdout, err = process.stderr): Output => ({
  json,
  result: (value, human) => {
    out.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  },
  info: (line) => {
    if (!json) err.write(`${line}\n`);
  },
});

export const errorJson = (error: unknown): ErrorJSON => {
  if (error instanceof StewardError) return error.toJSON();
  return {
    code: 'internal',
    message: error instanceof Error ? error.message : String(error),
    data: {},
  };
};

export const printError = (error: unknown, json: boolean): void => {
  const e = errorJson(error);
  // `data` names what the message describes (a path, a reason), for scripts; left out when empty.
  const data = e.data && Object.keys(e.data).length > 0 ? { data: e.data } : {};
  if (json)
    process.stdout.write(
      `${JSON.stringify({ error: { code: e.code, message: e.message, ...data } })}\n`,
    );
  else process.stderr.write(`${pc.red('steward:')} ${e.message}\n`);
  if (!(error instanceof StewardError) && process.env.STEWARD_DEBUG && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
  }
};

/** A plain fixed-width table; widths from the content. */
export const table = (headers: string[], rows: string[][]): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [pc.bold(line(headers)), ...rows.map(line)].join('\n');
};

export const { bold, dim, green, red, yellow, cyan } = pc;

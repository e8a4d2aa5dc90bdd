/**
 * Why one source's copy of one file was not kept. Kept apart from the errors Steward shows,
 * because they are expected and handled in the loop over sources: a refused copy sends the fetch
 * on to the next source, a dropped connection is retried from where it stopped.
 */

/** The source's bytes (or its answer) cannot be the file: refused, and nothing of it kept. */
export class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The connection dropped part-way: what arrived is kept, to be resumed. */
export class Dropped extends Error {
  constructor(
    readonly reason: string,
    /** Bytes of the file now kept as a partial download. */
    readonly kept: number,
  ) {
    super(reason);
  }
}

/** A short human account of a low-level failure (a socket error, an HTTP client's message). */
export const describe = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
};

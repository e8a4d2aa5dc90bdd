/**
 * What a git object's header says, read without inflating the object: a loose object's
 * `type size\0`, a delta's sizes; and inflation that stops at the size a header declared.
 */
import { constants, inflateSync } from 'node:zlib';
import { badDelta } from './delta';

/** An object's type and size, as its header gives them: what is known without inflating it. */
export type ObjectHeader = { type: string; size: number };

/**
 * Inflates a zlib stream that must hold `size` bytes, stopping as soon as it holds more: a
 * stream's header cannot make it inflate past what it declared.
 */
export const inflateExactly = (stream: Buffer, size: number): Buffer => {
  let out: Buffer;
  try {
    out = inflateSync(stream, { maxOutputLength: Math.max(1, size) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw badDelta(`an object inflates past its ${size} bytes`);
    throw badDelta(`an object does not inflate (${code ?? String(error)})`);
  }
  if (out.length !== size) throw badDelta(`an object of ${size} bytes inflates to ${out.length}`);
  return out;
};

/**
 * The first bytes a zlib stream inflates to, reading only a prefix of it: an object's header,
 * or a delta's sizes, without inflating what follows. A prefix of n bytes inflates to at most
 * about 1,032 n bytes, however hostile.
 */
export const inflatePrefix = (
  stream: Buffer,
  enough: (out: Buffer) => boolean,
): Buffer | undefined => {
  for (const n of [64, 512, 4096]) {
    let out: Buffer;
    try {
      out = inflateSync(stream.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      throw badDelta(`an object does not inflate (${String(error)})`);
    }
    if (enough(out)) return out;
    if (n >= stream.length) return undefined;
  }
  return undefined;
};

/** A loose object's `type size\0` header, or undefined when it has none. */
export const looseHeader = (raw: Buffer): ObjectHeader | undefined => {
  const nul = raw.indexOf(0);
  const space = raw.indexOf(0x20);
  if (nul < 0 || space < 0 || space > nul || nul > 32) return undefined;
  const size = Number(raw.toString('latin1', space + 1, nul));
  if (!Number.isSafeInteger(size) || size < 0) return undefined;
  return { type: raw.toString('latin1', 0, space), size };
};

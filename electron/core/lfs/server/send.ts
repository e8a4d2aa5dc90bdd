/**
 * An object's bytes to a downloader, whole or from an offset (`Range: bytes=N-`, or `N-M`), so
 * that a broken download resumes where it stopped: no byte goes twice.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../../server/http';

/** The bytes a Range header asks for, within `size`; undefined for the whole object. */
export const rangeOf = (
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined => {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(header.trim());
  const unsatisfiable = new HttpError(416, `the range ${header} is not within the object`, {
    'Content-Range': `bytes */${size}`,
  });
  if (!m) throw unsatisfiable;
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) throw unsatisfiable;
  return { start, end };
};

/** Sends the file at `path`; resolves with the bytes sent once the response is done. */
export const sendObject = async (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<number> => {
  const { size } = await stat(path);
  const range = rangeOf(req.headers.range, size);
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': length,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    ...(range && { 'Content-Range': `bytes ${start}-${end}/${size}` }),
  });
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return 0;
  }
  await pipeline(createReadStream(path, { start, end, highWaterMark: 1 << 20 }), res);
  return length;
};

/**
 * One object over the basic transfer adapter: GET the batch answer's download link, with its
 * headers, from where an earlier attempt stopped (`Range: bytes=N-`), streaming the body through
 * the hashing receiver into the partial file. A status other than 200/206, a range other than
 * the one asked, or a declared length that cannot be the file's is refused before a byte is kept.
 */
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BlobReceiver } from './blob-receiver';
import { call } from './http-call';
import { describe, Dropped, Refused } from './refusal';
import type { LfsAction } from './types';

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

/** Checks the response's head against the bytes asked for; restarts on a plain 200. */
const checkHead = async (response: IncomingMessage, receiver: BlobReceiver): Promise<void> => {
  const status = response.statusCode ?? 0;
  const asked = receiver.offset;
  if (status === 200 && asked > 0) {
    // The server ignored the range: the whole file again (its first bytes a second time).
    await receiver.restart();
  } else if (status === 206 && asked > 0) {
    const m = CONTENT_RANGE.exec(String(response.headers['content-range'] ?? ''));
    if (!m || Number(m[1]) !== asked)
      throw new Refused(`answered a range other than bytes ${asked}- (${excerpt(response)})`);
  } else if (status !== 200) {
    throw new Refused(`answered the download with HTTP ${status}`);
  }
  const declared = response.headers['content-length'];
  const expected = receiver.expected;
  if (declared !== undefined && expected !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || receiver.offset + length !== expected)
      throw new Refused(
        `announced ${Number(declared) + receiver.offset} bytes where the file has ${expected}`,
      );
  }
};

const excerpt = (response: IncomingMessage): string =>
  String(response.headers['content-range'] ?? 'none').slice(0, 60);

/**
 * Downloads into `receiver`; resolves once every byte arrived (the caller checks the hash).
 * Throws Refused (the source's copy is wrong), Dropped (the connection stopped part-way: what
 * arrived is on disk), or the abort's error.
 */
export const downloadObject = async (
  action: LfsAction,
  receiver: BlobReceiver,
  options: {
    authorization: string | undefined;
    signal?: AbortSignal;
    onBytes: (n: number) => void;
  },
): Promise<void> => {
  const headers: Record<string, string> = { ...(action.header ?? {}) };
  const hasAuth = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization');
  if (!hasAuth && options.authorization) headers.Authorization = options.authorization;
  if (receiver.offset > 0) headers.Range = `bytes=${receiver.offset}-`;
  let response: IncomingMessage;
  try {
    response = await call(action.href, {
      method: 'GET',
      headers,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof Refused || options.signal?.aborted) throw error;
    throw new Dropped(`could not be reached: ${describe(error)}`, receiver.offset);
  }
  try {
    await checkHead(response, receiver);
  } catch (error) {
    response.destroy();
    throw error;
  }
  try {
    await pipeline(
      response,
      receiver.sink(options.onBytes),
      ...(options.signal ? [{ signal: options.signal }] : []),
    );
  } catch (error) {
    if (error instanceof Refused || options.signal?.aborted) throw error;
    throw new Dropped(`dropped the connection: ${describe(error)}`, receiver.offset);
  }
  // A body that ended cleanly yet short, with no length announced: the receiver refuses it.
  if (!response.complete) throw new Dropped('dropped the connection', receiver.offset);
};

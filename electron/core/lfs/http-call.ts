/**
 * One HTTP request with node:http(s), streaming: the body of a large object is neither buffered
 * nor copied, and small answers (batch JSON) are read up to a limit, so a hostile server cannot
 * fill memory.
 */
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Refused } from './refusal';

/** A server silent this long (no header, no byte of the body) has dropped the connection. */
export const IDLE_MS = 60_000;

export type Call = {
  method: 'GET' | 'POST' | 'PUT';
  headers?: OutgoingHttpHeaders;
  body?: Buffer | Readable;
  signal?: AbortSignal;
};

/** Resolves with the response as soon as its head arrives; the body is the caller's to read. */
export const call = (url: string, options: Call): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new Refused(`answered with a ${target.protocol} link, not http(s)`));
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, {
      method: options.method,
      headers: options.headers ?? {},
      ...(options.signal ? { signal: options.signal } : {}),
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.setTimeout(IDLE_MS, () =>
      request.destroy(new Error(`no byte for ${IDLE_MS / 1000} s (ETIMEDOUT)`)),
    );
    const body = options.body;
    if (body === undefined) request.end();
    else if (Buffer.isBuffer(body)) request.end(body);
    else pipeline(body, request).catch((error: unknown) => request.destroy(error as Error));
  });

/** The whole body of a small answer; more than `limit` bytes is refused as it arrives. */
export const readLimited = async (response: IncomingMessage, limit: number): Promise<Buffer> => {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    response.destroy();
    throw new Refused(`answered with ${declared} bytes where at most ${limit} are expected`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      response.destroy();
      throw new Refused(`answered with more than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Reads and forgets a body we do not need, so the connection can be reused. */
export const drain = (response: IncomingMessage): void => {
  response.resume();
};

/**
 * The LFS wire at the server's door: a batch request read and checked before anything else looks
 * at it, and answers in LFS's JSON shape (`{message}` for an error), with the headers git-lfs
 * expects on a 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody } from '../../server/http';
import { REALM } from '../../server/member-auth';
import { LFS_MEDIA_TYPE, type LfsBatchRequest, type LfsPointer } from '../types';

/** An object id: a SHA-256 in lowercase hex, and nothing else (so never a path). */
export const OID = /^[0-9a-f]{64}$/;
/** Objects one batch request may name. */
export const MAX_OBJECTS = 10_000;
/** A batch body: 10,000 objects take about 1 MB. */
export const BATCH_BYTES = 4 << 20;

export const sendLfs = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': LFS_MEDIA_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
};

/** An HttpError as LFS's error shape; a 401 says, as LFS asks, which authentication it wants. */
export const sendLfsError = (res: ServerResponse, error: HttpError): void => {
  const headers = { ...error.headers };
  if (error.status === 401) {
    const challenge = `Basic realm="${REALM}"`;
    headers['LFS-Authenticate'] = challenge;
    headers['WWW-Authenticate'] = challenge;
  }
  sendLfs(res, error.status, { message: error.message }, headers);
};

const invalid = (message: string): HttpError => new HttpError(422, message);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const checkPointer = (value: unknown, i: number): LfsPointer => {
  if (!isRecord(value)) throw invalid(`objects[${i}] is not an object`);
  const { oid, size } = value;
  if (typeof oid !== 'string' || !OID.test(oid))
    throw invalid(`objects[${i}].oid is not a SHA-256 in lowercase hex`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    throw invalid(`objects[${i}].size is not a whole number of bytes`);
  return { oid, size };
};

/** A batch request's JSON, checked; a 4xx HttpError says what is wrong with it. */
export const parseBatch = (json: unknown): LfsBatchRequest => {
  if (!isRecord(json)) throw invalid('the request is not a JSON object');
  const { operation, transfers, ref, objects, hash_algo: hashAlgo } = json;
  if (operation !== 'download' && operation !== 'upload')
    throw invalid('operation must be "download" or "upload"');
  if (hashAlgo !== undefined && hashAlgo !== null && hashAlgo !== 'sha256')
    throw invalid('this server names objects by sha256 only');
  if (
    transfers !== undefined &&
    transfers !== null &&
    !(Array.isArray(transfers) && transfers.every((t) => typeof t === 'string'))
  )
    throw invalid('transfers must be a list of names');
  if (ref !== undefined && ref !== null && !(isRecord(ref) && typeof ref.name === 'string'))
    throw invalid('ref must be an object with a name');
  if (!Array.isArray(objects)) throw invalid('objects must be a list');
  if (objects.length > MAX_OBJECTS)
    throw new HttpError(413, `a batch may name at most ${MAX_OBJECTS} objects`);
  return {
    operation,
    ...(Array.isArray(transfers) && { transfers }),
    ...(isRecord(ref) && { ref: { name: ref.name as string } }),
    objects: objects.map(checkPointer),
    hash_algo: 'sha256',
  };
};

/** Reads and checks a batch request's body. */
export const readBatch = async (req: IncomingMessage): Promise<LfsBatchRequest> => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // What git-lfs sends; a plain form from a page elsewhere cannot.
  if (type !== LFS_MEDIA_TYPE && type !== 'application/json')
    throw new HttpError(415, `expected Content-Type ${LFS_MEDIA_TYPE}`);
  const body = await readBody(req, BATCH_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
  return parseBatch(json);
};

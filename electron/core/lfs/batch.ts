/**
 * The Git LFS batch API, the client's side: one POST `<endpoint>/objects/batch` per source, with
 * a forge's credentials or a member proof only once the server asks for them (a 401). Every answer
 * is read as hostile: its size is bounded, its JSON shape checked, each object must echo an oid
 * that was asked for with the size it has, and every link must be http(s) with plain headers.
 * What fails for one object refuses that object only; what fails for the answer refuses them all.
 */
import { makeProof } from '../sync/proof';
import { fetchChallenge } from '../sync/proof-http';
import type { HttpAuth } from '../sync/remote-http';
import { call, readLimited } from './http-call';
import { isOid } from './layout';
import { describe, Refused } from './refusal';
import { mayCarryCredentials } from '../sync/credential-rule';
import {
  LFS_MEDIA_TYPE,
  type LfsAction,
  type LfsOperation,
  type LfsObjectResult,
  type LfsPointer,
} from './types';

/** A batch answer names actions for at most a few thousand objects: a few MB at most. */
const MAX_ANSWER = 8 * 1024 * 1024;

export type Actions = { size: number; actions: NonNullable<LfsObjectResult['actions']> };

/** Per oid asked for: the actions offered, or why this source's copy is refused. */
export type BatchAnswer = Map<string, Actions | Refused>;

/** The credentials one conversation with a source sends: kept for its links and its verify. */
export type Session = { authorization?: string };

const basic = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** The session's credentials go only to links on the endpoint's own origin. */
export const authorizationFor = (
  href: string,
  endpoint: string,
  session: Session,
): string | undefined =>
  new URL(href).origin === new URL(endpoint).origin ? session.authorization : undefined;

/** The address a peer's `steward serve` answers challenges under, from its LFS endpoint. */
export const serverOf = (endpoint: string): string =>
  endpoint.replace(/\/info\/lfs\/?$/, '').replace(/\.git$/, '') || endpoint;

/** A short, printable excerpt of what a server said, for an error message. */
const excerpt = (text: string): string =>
  text
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim()
    .slice(0, 120);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Hop-by-hop and framing headers, and cookies: dropped from an action's headers. */
const UNSAFE_HEADERS = new Set([
  'host',
  'cookie',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'expect',
]);

const an = (word: string): string => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

/** An action as a server gave it, or why it cannot be followed. */
export const checkAction = (raw: unknown, what: string): LfsAction => {
  const a = raw as { href?: unknown; header?: unknown } | null;
  if (typeof a !== 'object' || a === null || typeof a.href !== 'string')
    throw new Refused(`answered ${an(what)} action without a link`);
  let url: URL;
  try {
    url = new URL(a.href);
  } catch {
    throw new Refused(`answered ${an(what)} link that is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Refused(`answered ${an(what)} link with ${url.protocol}, not http(s)`);
  const header: Record<string, string> = {};
  if (a.header !== undefined) {
    if (typeof a.header !== 'object' || a.header === null || Array.isArray(a.header))
      throw new Refused(`answered ${what} headers that are not an object`);
    for (const [name, value] of Object.entries(a.header as Record<string, unknown>)) {
      if (!HEADER_NAME.test(name) || typeof value !== 'string' || !HEADER_VALUE.test(value))
        throw new Refused(`answered ${an(what)} header that is not a plain header`);
      // The connection and the body are ours to frame: a server does not choose them, nor cookies.
      if (UNSAFE_HEADERS.has(name.toLowerCase())) continue;
      header[name] = value;
    }
  }
  return { href: a.href, header };
};

const checkObject = (
  raw: Record<string, unknown>,
  expected: number | undefined,
  operation: LfsOperation,
): Actions | Refused => {
  const { size, error, actions } = raw;
  if (error !== undefined) {
    const e: { code?: unknown; message?: unknown } =
      typeof error === 'object' && error !== null ? error : {};
    const code = typeof e.code === 'number' ? e.code : '?';
    const message = typeof e.message === 'string' ? `: ${excerpt(e.message)}` : '';
    return new Refused(`has no copy to ${operation} (LFS error ${code}${message})`);
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
    return new Refused('answered without a valid size');
  if (expected !== undefined && size !== expected)
    return new Refused(`answered a size of ${size} bytes where the file has ${expected}`);
  if (actions !== undefined && (typeof actions !== 'object' || actions === null))
    return new Refused('answered actions that are not an object');
  const given = (actions ?? {}) as Record<string, unknown>;
  try {
    const out: Actions['actions'] = {};
    for (const kind of ['download', 'upload', 'verify'] as const)
      if (given[kind] !== undefined) out[kind] = checkAction(given[kind], kind);
    if (operation === 'download' && !out.download) return new Refused('answered no download link');
    return { size, actions: out };
  } catch (error) {
    if (error instanceof Refused) return error;
    throw error;
  }
};

/** Reads a batch answer's JSON against what was asked. */
export const readAnswer = (
  body: Buffer,
  asked: LfsPointer[],
  known: Map<string, number | undefined>,
  operation: LfsOperation,
): BatchAnswer => {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Refused('answered the batch request with something that is not JSON');
  }
  const j = json as { objects?: unknown; transfer?: unknown } | null;
  if (typeof j !== 'object' || j === null || !Array.isArray(j.objects))
    throw new Refused('answered the batch request without a list of objects');
  if (j.transfer !== undefined && j.transfer !== 'basic')
    throw new Refused(
      `offered a transfer other than basic (${excerpt(JSON.stringify(j.transfer))})`,
    );
  const answer: BatchAnswer = new Map();
  for (const raw of j.objects as unknown[]) {
    const o = raw as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null || !isOid(o.oid) || !known.has(o.oid)) continue;
    if (answer.has(o.oid)) continue;
    answer.set(o.oid, checkObject(o, known.get(o.oid), operation));
  }
  for (const p of asked)
    if (!answer.has(p.oid)) answer.set(p.oid, new Refused('did not answer for this file'));
  return answer;
};

export { mayCarryCredentials };

/**
 * Asks `endpoint` about `objects`, with no credentials at first (as git does). A 401 gets the
 * forge credentials configured, if the endpoint may carry them (https, or this computer); a 401
 * without them, or to them, gets a member proof signed for the origin dialled, if the server is a
 * Steward peer holding this group (it answers a challenge). A plain-http peer on the LAN thus
 * never sees a forge token.
 */
export const batch = async (options: {
  endpoint: string;
  operation: LfsOperation;
  objects: LfsPointer[];
  /** The size the record gives each file, where it gives one. */
  known: Map<string, number | undefined>;
  auth: HttpAuth;
  session: Session;
  group?: string;
  signal?: AbortSignal;
}): Promise<BatchAnswer> => {
  const { endpoint, auth, session } = options;
  const body = Buffer.from(
    JSON.stringify({
      operation: options.operation,
      transfers: ['basic'],
      objects: options.objects,
      hash_algo: 'sha256',
    }),
  );
  const url = `${endpoint.replace(/\/+$/, '')}/objects/batch`;
  const withheld = auth.credentials !== undefined && !mayCarryCredentials(endpoint);
  let sentCredentials = false;
  let sentProof = false;
  for (;;) {
    let response;
    try {
      response = await call(url, {
        method: 'POST',
        headers: {
          Accept: LFS_MEDIA_TYPE,
          'Content-Type': LFS_MEDIA_TYPE,
          'Content-Length': body.length,
          ...(session.authorization ? { Authorization: session.authorization } : {}),
        },
        body,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (error instanceof Refused || options.signal?.aborted) throw error;
      throw new Refused(`could not be reached: ${describe(error)}`);
    }
    const status = response.statusCode ?? 0;
    if (status === 401 && !sentCredentials && !sentProof && auth.credentials && !withheld) {
      response.resume();
      sentCredentials = true;
      session.authorization = basic(auth.credentials.username, auth.credentials.password);
      continue;
    }
    // A Steward peer answers forge credentials with a 403: a proof may still open it.
    const asks = status === 401 || (status === 403 && sentCredentials);
    if (asks && !sentProof && (!sentCredentials || auth.signer)) {
      response.resume();
      sentProof = true;
      session.authorization = await proofFor(endpoint, auth, options.group).catch(
        (error: unknown) => {
          if (!(error instanceof Refused)) throw error;
          if (sentCredentials) throw new Refused(`refused the credentials (HTTP ${status})`);
          if (withheld)
            throw new Refused(
              `${error.reason}; the forge credentials configured are not sent over plain http to another computer`,
            );
          throw error;
        },
      );
      continue;
    }
    const answer = await readLimited(response, MAX_ANSWER);
    if (status === 401 || status === 403)
      throw new Refused(`refused the credentials (HTTP ${status}) ${excerpt(answer.toString())}`);
    if (status !== 200) throw new Refused(`answered the batch request with HTTP ${status}`);
    return readAnswer(answer, options.objects, options.known, options.operation);
  }
};

const proofFor = async (endpoint: string, auth: HttpAuth, group?: string): Promise<string> => {
  const signer = await auth.signer?.();
  if (!signer)
    throw new Refused('asks for credentials, and there is no identity here to sign with');
  const target = await fetchChallenge(serverOf(endpoint)).catch((error: unknown) => {
    throw new Refused(`asks for credentials, and its challenge failed: ${describe(error)}`);
  });
  if (!target) throw new Refused('asks for credentials, and is not a Steward peer (no challenge)');
  if (group !== undefined && target.group !== group)
    throw new Refused(
      `holds group ${target.group.slice(0, 12)}, not this one (${group.slice(0, 12)}): no member proof was signed for it`,
    );
  const proof = makeProof(signer, target);
  return basic(proof.username, proof.password);
};

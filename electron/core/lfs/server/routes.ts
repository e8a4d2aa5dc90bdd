/**
 * Git LFS on `steward serve`: the batch API, the basic transfer adapter's GET and PUT, and the
 * locking API's `locks/verify`, at `/info/lfs` (and, through the one-segment prefix serve.ts
 * adds, at `/<name>.git/info/lfs`, where git-lfs looks by itself for a remote `…/<name>`).
 * Reads follow the charter's `readAccess`; uploads need a member's proof, checked without
 * spending its challenge (git-lfs sends one credential with several requests), and then a
 * per-object token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadAccess } from '../../../../shared/charter';
import type { ModelStore } from '../../models/store';
import { HttpError, readBody, type RequestContext, type Route } from '../../server/http';
import type { MemberAuth } from '../../server/member-auth';
import {
  answerBatch,
  heldSize,
  noRoom,
  NOT_HERE,
  UNLISTED_DOWNLOAD,
  UNLISTED_UPLOAD,
} from './batch';
import type { LfsEvent, RefusedOperation } from './events';
import { receiveObject } from './receive';
import { sendObject } from './send';
import { DEFAULT_RESERVE_BYTES, Receiving } from './space';
import { Tokens } from './tokens';
import { OID, readBatch, sendLfs, sendLfsError } from './wire';

export type LfsRoutesOptions = {
  auth: MemberAuth;
  models: ModelStore;
  readAccess: () => Promise<ReadAccess>;
  onEvent?: (event: LfsEvent) => void;
  now?: () => number;
  /** Bytes kept free on the store's disk, whatever uploads ask for. */
  reserveBytes?: number;
};

const BASE = '/info/lfs';
const OBJECT = /^\/info\/lfs\/objects\/([^/]+)$/;

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void>;

export const lfsRoutes = (options: LfsRoutesOptions): Route[] => {
  const { auth, models, readAccess } = options;
  const emit = options.onEvent ?? (() => undefined);
  const tokens = new Tokens(options.now);
  const receiving = new Receiving(models.root, options.reserveBytes ?? DEFAULT_RESERVE_BYTES);

  /** Errors in LFS's shape; a refusal is reported unless it is git-lfs's first, bare try. */
  const lfs =
    (operation: RefusedOperation, handle: Handler): Route['handle'] =>
    async (req, res, ctx) => {
      try {
        await handle(req, res, ctx);
      } catch (error) {
        if (!(error instanceof HttpError) || res.headersSent) throw error;
        if (error.status !== 401 || req.headers.authorization !== undefined)
          emit({ type: 'lfs-refused', operation, reason: error.message, ...oidOf(ctx) });
        // A refused upload may still be sending: closing after the answer stops it.
        if (req.method === 'PUT') res.setHeader('Connection', 'close');
        sendLfsError(res, error);
      }
    };

  const oidOf = (ctx: RequestContext): { oid?: string } =>
    ctx.params.oid && OID.test(ctx.params.oid) ? { oid: ctx.params.oid } : {};

  /**
   * The member a request proves, without spending the challenge. A proof that fails for any reason
   * but a stale challenge is a 403: on a 401 git-lfs asks the credential helper again, and
   * `steward credential` would sign the same refused proof anew, for ever.
   */
  const member = async (req: IncomingMessage): Promise<string> => {
    try {
      return await auth.require(req, false);
    } catch (error) {
      const fresh = /a member proof is required|challenge is unknown|challenge has expired/;
      if (error instanceof HttpError && error.status === 401 && !fresh.test(error.message))
        throw new HttpError(403, error.message);
      throw error;
    }
  };

  /** A token outlives its member's removal: each transfer asks the head again. */
  const stillMember = async (who: string | undefined): Promise<void> => {
    if (who !== undefined && !(await auth.isMember(who)))
      throw new HttpError(403, 'the transfer token is for someone no longer a member of the group');
  };

  /** Who is reading: a member when the group reads members-only, else anyone (undefined). */
  const reader = async (req: IncomingMessage): Promise<string | undefined> =>
    (await readAccess()) === 'anyone' ? undefined : member(req);

  const batch: Handler = async (req, res, { url }) => {
    const request = await readBatch(req);
    const who = request.operation === 'upload' ? await member(req) : await reader(req);
    const host = req.headers.host ?? '';
    const base = `http://${host}${url.pathname.replace(/\/objects\/batch$/, '')}`;
    const ctx = { models, tokens, listed: await auth.listed(), receiving, emit };
    sendLfs(res, 200, await answerBatch(ctx, request, who, base));
  };

  const objectId = (ctx: RequestContext): string => {
    const oid = ctx.params.oid ?? '';
    if (!OID.test(oid)) throw new HttpError(404, UNLISTED_DOWNLOAD);
    return oid;
  };

  const download: Handler = async (req, res, ctx) => {
    const oid = objectId(ctx);
    const listed = await auth.listed();
    let who: string | undefined;
    if ((await readAccess()) !== 'anyone') {
      const bearer = req.headers.authorization?.startsWith('Bearer ');
      if (bearer) {
        const checked = tokens.check(req.headers.authorization, 'download', oid);
        if (!checked.ok) throw new HttpError(401, checked.reason);
        who = checked.grant.member;
        await stillMember(who);
      } else who = await member(req);
    }
    if (!listed.has(oid)) throw new HttpError(404, UNLISTED_DOWNLOAD);
    if ((await heldSize(models, oid)) === undefined) throw new HttpError(404, NOT_HERE);
    const from = Number(/^bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const bytes = await sendObject(req, res, models.blobPath(oid));
    emit({ type: 'lfs-download', oid, bytes, from, ...(who && { member: who }) });
  };

  const upload: Handler = async (req, res, ctx) => {
    const oid = objectId(ctx);
    const checked = tokens.check(req.headers.authorization, 'upload', oid);
    if (!checked.ok) throw new HttpError(401, checked.reason);
    let spent = false;
    let done: (() => void) | undefined;
    try {
      await stillMember(checked.grant.member);
      const listed = await auth.listed();
      if (!listed.has(oid)) throw new HttpError(422, UNLISTED_UPLOAD);
      const expected = listed.get(oid) ?? checked.grant.size;
      // Each batch hands out its own token: one upload of an object at a time, whatever its token.
      if (receiving.has(oid))
        throw new HttpError(409, 'another upload of this object is in progress on this peer');
      done = receiving.start(oid, expected);
      const room = await receiving.room();
      if (room < 0) throw new HttpError(507, noRoom(expected, room + expected));
      const { bytes } = await receiveObject(req, models, oid, expected);
      spent = true;
      res.writeHead(200, { 'Content-Length': 0 });
      res.end();
      emit({ type: 'lfs-upload', oid, bytes, member: checked.grant.member ?? '' });
    } finally {
      done?.();
      checked.release(spent);
    }
  };

  const verify: Handler = async (req, res) => {
    await member(req);
    const body = await readBody(req, 4096);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'the request body is not JSON');
    }
    const { oid, size } = (json ?? {}) as { oid?: unknown; size?: unknown };
    if (typeof oid !== 'string' || !OID.test(oid) || typeof size !== 'number')
      throw new HttpError(422, 'expected {oid, size}');
    const held = (await auth.listed()).has(oid) ? await heldSize(models, oid) : undefined;
    if (held === undefined) throw new HttpError(404, NOT_HERE);
    if (held !== size) throw new HttpError(422, `the object here is ${held} bytes, not ${size}`);
    sendLfs(res, 200, {});
  };

  const locksVerify: Handler = async (req, res) => {
    await member(req);
    // The body (a ref, a cursor) changes nothing: this server keeps no locks.
    await readBody(req, 64 * 1024);
    sendLfs(res, 200, { ours: [], theirs: [] });
  };

  const at = (suffix: string) => (path: string) => path === BASE + suffix;
  const object = (path: string) => {
    const m = OBJECT.exec(path);
    return m ? { oid: m[1]! } : false;
  };
  return [
    { method: 'POST', match: at('/objects/batch'), handle: lfs('batch', batch) },
    { method: 'GET', match: object, handle: lfs('download', download), transfer: true },
    { method: 'PUT', match: object, handle: lfs('upload', upload), transfer: true },
    { method: 'POST', match: at('/verify'), handle: lfs('upload', verify) },
    { method: 'POST', match: at('/locks/verify'), handle: lfs('locks', locksVerify) },
  ];
};

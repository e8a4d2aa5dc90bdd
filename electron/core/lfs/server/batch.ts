/**
 * The batch API's answer, object by object: a download of an object some registered version lists
 * and this peer holds; an upload, by a member, of an object some registered version lists and
 * this peer lacks. Each transfer action carries its own short-lived token. What no version lists
 * is refused without looking at the store, so an answer never tells whether a blob is here.
 */
import { stat } from 'node:fs/promises';
import type { ModelStore } from '../../models/store';
import type { Listed } from '../../server/member-auth';
import type { LfsBatchRequest, LfsBatchResponse, LfsObjectResult, LfsPointer } from '../types';
import type { LfsEvent } from './events';
import type { Receiving } from './space';
import type { Tokens } from './tokens';

export type BatchContext = {
  models: ModelStore;
  tokens: Tokens;
  listed: Listed;
  receiving: Receiving;
  emit: (event: LfsEvent) => void;
};

export const UNLISTED_DOWNLOAD = 'Object does not exist';
export const NOT_HERE = 'Object is not on this peer';
export const UNLISTED_UPLOAD =
  'no registered model version lists this object: a peer keeps only what the group approved';
/** The reason the log gives for objects no version lists (the client is told less). */
export const NOT_LISTED = 'not listed by any registered version';
export const noRoom = (size: number, room: number): string =>
  `this peer has room for ${Math.max(0, room)} more bytes of uploads, not ${size}`;

/** The size of the blob held here under `oid`; undefined when it is not here. */
export const heldSize = async (models: ModelStore, oid: string): Promise<number | undefined> =>
  stat(models.blobPath(oid)).then(
    (s) => (s.isFile() ? s.size : undefined),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );

const failed = (p: LfsPointer, code: number, message: string): LfsObjectResult => ({
  ...p,
  error: { code, message },
});

export const answerBatch = async (
  ctx: BatchContext,
  request: LfsBatchRequest,
  /** The member the request proved, if it had to prove one (uploads; members-only reads). */
  member: string | undefined,
  /** `http://host[/prefix]/info/lfs`, as the client dialled it. */
  base: string,
): Promise<LfsBatchResponse> => {
  const { models, tokens, listed, receiving, emit } = ctx;
  const { operation } = request;
  // One event per reason and batch, not per object: a batch may name 10,000 objects.
  const refused = new Map<string, { count: number; oid: string }>();
  const refuse = (p: LfsPointer, code: number, message: string, reason = message) => {
    const seen = refused.get(reason);
    if (seen) seen.count += 1;
    else refused.set(reason, { count: 1, oid: p.oid });
    return failed(p, code, message);
  };
  const objects: LfsObjectResult[] = [];
  // Asked once, when the first upload needs it: what each upload may write at most.
  let room: number | undefined;
  for (const p of request.objects) {
    if (!listed.has(p.oid)) {
      objects.push(
        operation === 'download'
          ? refuse(p, 404, UNLISTED_DOWNLOAD, NOT_LISTED)
          : refuse(p, 422, UNLISTED_UPLOAD, NOT_LISTED),
      );
      continue;
    }
    const held = await heldSize(models, p.oid);
    const href = `${base}/objects/${p.oid}`;
    if (operation === 'download') {
      if (held === undefined) {
        objects.push(refuse(p, 404, NOT_HERE));
        continue;
      }
      const token = member
        ? tokens.issue({ member, operation, oid: p.oid, size: held })
        : undefined;
      const download = token
        ? { href, header: { Authorization: token.header }, expires_in: token.expiresIn }
        : { href };
      objects.push({ oid: p.oid, size: held, authenticated: true, actions: { download } });
      continue;
    }
    const recorded = listed.get(p.oid);
    if (recorded !== undefined && recorded !== p.size) {
      objects.push(
        refuse(
          p,
          422,
          `the group's record gives this object's size as ${recorded} bytes`,
          "not the size the group's record gives",
        ),
      );
      continue;
    }
    // Already here: no action, as LFS says, and the client takes it as uploaded.
    if (held !== undefined) {
      objects.push({ oid: p.oid, size: held });
      continue;
    }
    room ??= await receiving.room();
    // A size no record gives is the uploader's claim: bound by the room left, as any upload is.
    if (p.size > room) {
      objects.push(refuse(p, 422, noRoom(p.size, room), 'larger than the room left for uploads'));
      continue;
    }
    const token = tokens.issue({ member, operation, oid: p.oid, size: p.size });
    objects.push({
      ...p,
      authenticated: true,
      actions: {
        upload: { href, header: { Authorization: token.header }, expires_in: token.expiresIn },
      },
    });
  }
  for (const [reason, { count, oid }] of refused)
    emit({ type: 'lfs-refused', operation, reason, oid, count, ...(member && { member }) });
  return { transfer: 'basic', objects, hash_algo: 'sha256' };
};

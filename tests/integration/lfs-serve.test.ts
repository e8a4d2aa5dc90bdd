/**
 * Git LFS on `steward serve`, over real HTTP with real member proofs: what it refuses at the door, before
 * anything else looks at a request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEvent } from '../../electron/cli/commands/serve';
import { NOT_HERE } from '../../electron/core/lfs/server/batch';
import { LFS_MEDIA_TYPE, type LfsBatchResponse } from '../../electron/core/lfs/types';
import { lfsServed, sha256, type LfsServed } from '../helpers/lfs-served';

const UNLISTED = sha256('bytes no version lists');

describe('Git LFS on steward serve, at the door', () => {
  let s: LfsServed;
  beforeAll(async () => {
    s = await lfsServed();
  });
  afterAll(() => s?.close());

  describe('refuses hostile requests at the door', () => {
    const cases: [string, () => Promise<Response>, number, RegExp][] = [
      ['a body that is not JSON', () => s.batch(s.holder.url, '{"operation":'), 400, /not JSON/],
      ['a body over the limit', () => s.batch(s.holder.url, 'x'.repeat(5 << 20)), 413, /limit/],
      [
        'another content type',
        () => s.batch(s.holder.url, '{}', { 'Content-Type': 'text/plain' }),
        415,
        /Content-Type/,
      ],
      ['a JSON list', () => s.batch(s.holder.url, '[]'), 422, /not a JSON object/],
      [
        'an unknown operation',
        () => s.batch(s.holder.url, { operation: 'delete', objects: [] }),
        422,
        /operation/,
      ],
      [
        'objects that are not a list',
        () => s.batch(s.holder.url, { operation: 'download', objects: {} }),
        422,
        /objects/,
      ],
      [
        'more than 10,000 objects',
        () =>
          s.batch(s.holder.url, {
            operation: 'download',
            objects: Array.from({ length: 10_001 }, () => ({ oid: UNLISTED, size: 1 })),
          }),
        413,
        /10000/,
      ],
      ...(
        [
          ['an oid in capitals', UNLISTED.toUpperCase(), 1],
          ['a short oid', 'abc', 1],
          ['an oid that is a path', `../../${UNLISTED.slice(6)}`, 1],
          ['a negative size', UNLISTED, -1],
          ['a fractional size', UNLISTED, 1.5],
          ['a size past 2^53', UNLISTED, 2 ** 60],
          ['a size as text', UNLISTED, '12'],
        ] as [string, string, unknown][]
      ).map(([name, oid, size]): [string, () => Promise<Response>, number, RegExp] => [
        name,
        () => s.batch(s.holder.url, { operation: 'download', objects: [{ oid, size }] }),
        422,
        /objects\[0\]/,
      ]),
      [
        'another hash algorithm',
        () =>
          s.batch(s.holder.url, {
            operation: 'download',
            objects: [{ oid: UNLISTED, size: 1 }],
            hash_algo: 'sha512',
          }),
        422,
        /sha256/,
      ],
      [
        'an upload with no credentials',
        () => s.batch(s.empty.url, { operation: 'upload', objects: [] }),
        401,
        /member proof is required/,
      ],
      [
        'an upload by a non-member',
        async () =>
          s.batch(
            s.empty.url,
            { operation: 'upload', objects: [{ oid: s.file().sha256, size: s.file().size }] },
            { authorization: await s.proof('carol', s.empty.url) },
          ),
        // Not 401: git-lfs would ask its credential helper again, for ever.
        403,
        /not a member/,
      ],
      [
        'an upload with a proof made for another server',
        async () =>
          s.batch(
            s.empty.url,
            { operation: 'upload', objects: [] },
            { authorization: await s.proof('alice', s.holder.url) },
          ),
        401,
        /challenge is unknown/,
      ],
      [
        'a members-only download without proof',
        () =>
          s.batch(s.membersOnly.url, {
            operation: 'download',
            objects: [{ oid: s.file().sha256, size: s.file().size }],
          }),
        401,
        /member proof/,
      ],
      [
        'a members-only GET without proof',
        () => fetch(`${s.membersOnly.url}/info/lfs/objects/${s.file().sha256}`),
        401,
        /member proof/,
      ],
      [
        'a members-only GET with a made-up token',
        () =>
          fetch(`${s.membersOnly.url}/info/lfs/objects/${s.file().sha256}`, {
            headers: { authorization: `Bearer ${'A'.repeat(43)}` },
          }),
        401,
        /unknown/,
      ],
      [
        'a GET of an oid that is not hex',
        () => fetch(`${s.holder.url}/info/lfs/objects/${'G'.repeat(64)}`),
        404,
        /does not exist/,
      ],
      [
        'a GET of an escaped path',
        () => fetch(`${s.holder.url}/info/lfs/objects/..%2F..%2Fconfig`),
        404,
        /does not exist/,
      ],
      [
        'a PUT with no token',
        () =>
          fetch(`${s.empty.url}/info/lfs/objects/${s.file().sha256}`, { method: 'PUT', body: 'x' }),
        401,
        /token is required/,
      ],
      [
        'locks by no one',
        () =>
          fetch(`${s.holder.url}/info/lfs/locks/verify`, {
            method: 'POST',
            headers: { 'Content-Type': LFS_MEDIA_TYPE },
            body: '{}',
          }),
        401,
        /member proof/,
      ],
    ];
    it.each(cases)('%s', async (_name, send, status, message) => {
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe(LFS_MEDIA_TYPE);
      const body = (await res.json()) as { message: string };
      expect(body.message).toMatch(message);
      if (status === 401) {
        expect(res.headers.get('lfs-authenticate')).toMatch(/^Basic realm=/);
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      }
    });
  });

  it('logs one event per reason for a batch of 10,000 refused objects, not one per object', async () => {
    const oids = Array.from({ length: 10_000 }, (_, i) => sha256(`unlisted ${i}`));
    const f = s.file(0);
    const before = s.events.length;
    const res = await s.batch(s.empty.url, {
      operation: 'download',
      objects: [...oids.slice(1).map((oid) => ({ oid, size: 1 })), { oid: f.sha256, size: f.size }],
    });
    expect(res.status).toBe(200);
    const { objects } = (await res.json()) as LfsBatchResponse;
    expect(objects.filter((o) => o.error?.code === 404)).toHaveLength(10_000);
    const logged = s.events.slice(before);
    expect(logged).toEqual([
      {
        type: 'lfs-refused',
        operation: 'download',
        reason: 'not listed by any registered version',
        oid: oids[1],
        count: 9_999,
      },
      { type: 'lfs-refused', operation: 'download', reason: NOT_HERE, oid: f.sha256, count: 1 },
    ]);
    expect(describeEvent(logged[0]!, (m) => m)).toBe(
      `lfs download refused 9999 objects: not listed by any registered version (first: ${oids[1]})`,
    );
  });
});

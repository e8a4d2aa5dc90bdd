/**
 * Git LFS on `steward serve`, over real HTTP with real member proofs: the batch API and the basic
 * transfers, what they give and what they refuse. A peer serves only what some registered model
 * version lists, takes uploads from members alone, and keeps an upload only if it is what its oid
 * says.
 */
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LFS_MEDIA_TYPE, type LfsBatchResponse } from '../../electron/core/lfs/types';
import { lfsServed, sha256, type LfsServed } from '../helpers/lfs-served';

const UNLISTED = sha256('bytes no version lists');

/** A PUT whose body is written by `send`, which may break the connection off. */
const rawPut = (
  url: string,
  headers: Record<string, string | number>,
  send: (req: ReturnType<typeof request>) => void,
): Promise<{ status: number; body: string } | { error: string }> =>
  new Promise((resolve) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    send(req);
  });

describe('Git LFS on steward serve', () => {
  let s: LfsServed;
  beforeAll(async () => {
    s = await lfsServed();
  });
  afterAll(() => s?.close());

  const tmpFiles = () => {
    const dir = join(s.emptyStore.root, 'blobs', 'tmp');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  /** An upload action for `file` on the empty peer, asked by Alice. */
  const uploadAction = async (oid: string, size: number) => {
    const res = await s.batch(
      s.empty.url,
      { operation: 'upload', objects: [{ oid, size }] },
      { authorization: await s.proof('alice', s.empty.url) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as LfsBatchResponse;
    const upload = body.objects[0]?.actions?.upload;
    if (!upload) throw new Error(`no upload action: ${JSON.stringify(body)}`);
    return { href: upload.href, authorization: upload.header!.Authorization! };
  };

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

  it('answers a download of a listed file held here, and resumes it from a byte', async () => {
    const f = s.file();
    const res = await s.batch(s.holder.url, {
      operation: 'download',
      transfers: ['tus', 'basic'],
      objects: [{ oid: f.sha256, size: f.size }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as LfsBatchResponse;
    expect(body).toMatchObject({ transfer: 'basic', hash_algo: 'sha256' });
    const href = body.objects[0]!.actions!.download!.href;
    expect(href).toBe(`${s.holder.url}/info/lfs/objects/${f.sha256}`);

    const whole = await fetch(href);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(f.size));
    expect(Buffer.from(await whole.arrayBuffer()).equals(f.bytes)).toBe(true);

    const from = Math.floor(f.size / 3);
    const rest = await fetch(href, { headers: { range: `bytes=${from}-` } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${from}-${f.size - 1}/${f.size}`);
    expect(rest.headers.get('content-length')).toBe(String(f.size - from));
    expect(Buffer.from(await rest.arrayBuffer()).equals(f.bytes.subarray(from))).toBe(true);
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: 'lfs-download', oid: f.sha256, from, bytes: f.size - from }),
    );

    const past = await fetch(href, { headers: { range: `bytes=${f.size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${f.size}`);
  });

  it('says 404 alike for an unlisted object, whether this peer holds its bytes or not', async () => {
    // Bytes in the store under their hash that no registered version lists.
    const secret = Buffer.from('a private file in the store');
    const oid = sha256(secret);
    mkdirSync(dirname(s.aliceStore.blobPath(oid)), { recursive: true });
    writeFileSync(s.aliceStore.blobPath(oid), secret);
    const answers = [];
    for (const o of [oid, UNLISTED]) {
      const res = await s.batch(s.holder.url, {
        operation: 'download',
        objects: [{ oid: o, size: 27 }],
      });
      const { objects } = (await res.json()) as LfsBatchResponse;
      answers.push(objects[0]!.error);
      const get = await fetch(`${s.holder.url}/info/lfs/objects/${o}`);
      answers.push([get.status, await get.text()]);
    }
    expect(answers[0]).toEqual({ code: 404, message: 'Object does not exist' });
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[1]).toEqual(answers[3]);
    expect(answers[1]).toEqual([404, JSON.stringify({ message: 'Object does not exist' })]);
  });

  it('says a listed file this peer lacks is not on this peer', async () => {
    const f = s.file(1);
    const res = await s.batch(s.empty.url, {
      operation: 'download',
      objects: [{ oid: f.sha256, size: f.size }],
    });
    const { objects } = (await res.json()) as LfsBatchResponse;
    expect(objects[0]).toMatchObject({
      oid: f.sha256,
      error: { code: 404, message: /not on this peer/ },
    });
    expect(objects[0]!.actions).toBeUndefined();
  });

  it('serves members-only reads to a member, through a token that resumes and expires', async () => {
    const f = s.file();
    const res = await s.batch(
      s.membersOnly.url,
      { operation: 'download', objects: [{ oid: f.sha256, size: f.size }] },
      { authorization: await s.proof('alice', s.membersOnly.url) },
    );
    expect(res.status).toBe(200);
    const action = ((await res.json()) as LfsBatchResponse).objects[0]!.actions!.download!;
    expect(action.expires_in).toBeGreaterThan(0);
    const headers = action.header!;
    const first = await fetch(action.href, { headers: { ...headers, range: 'bytes=0-9' } });
    expect(first.status).toBe(206);
    expect(Buffer.from(await first.arrayBuffer()).equals(f.bytes.subarray(0, 10))).toBe(true);
    const rest = await fetch(action.href, { headers: { ...headers, range: 'bytes=10-' } });
    expect(Buffer.from(await rest.arrayBuffer()).equals(f.bytes.subarray(10))).toBe(true);
    // Not for another object.
    const other = s.file(1);
    const wrong = await fetch(`${s.membersOnly.url}/info/lfs/objects/${other.sha256}`, { headers });
    expect(wrong.status).toBe(401);
    s.shift.ms = 16 * 60_000;
    try {
      const late = await fetch(action.href, { headers });
      expect(late.status).toBe(401);
      expect(((await late.json()) as { message: string }).message).toMatch(/expired/);
    } finally {
      s.shift.ms = 0;
    }
  });

  it('answers locks/verify with no locks to a member', async () => {
    const res = await fetch(`${s.holder.url}/group.git/info/lfs/locks/verify`, {
      method: 'POST',
      headers: {
        'Content-Type': LFS_MEDIA_TYPE,
        authorization: await s.proof('alice', s.holder.url),
      },
      body: JSON.stringify({ ref: { name: 'refs/heads/main' } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ours: [], theirs: [] });
  });

  it('answers under one path segment, and only there', async () => {
    const f = s.file();
    const objects = [{ oid: f.sha256, size: f.size }];
    for (const prefix of ['/group', '/group.git', '/.git', '/my-lab_2.git']) {
      const res = await s.batch(s.holder.url + prefix, { operation: 'download', objects });
      expect(res.status, prefix).toBe(200);
      const body = (await res.json()) as LfsBatchResponse;
      expect(body.objects[0]!.actions!.download!.href).toBe(
        `${s.holder.url}${prefix}/info/lfs/objects/${f.sha256}`,
      );
    }
    expect((await s.batch(`${s.holder.url}/a/b`, { operation: 'download', objects })).status).toBe(
      404,
    );
    const refs = await fetch(`${s.holder.url}/group/info/refs?service=git-upload-pack`);
    expect(refs.status).toBe(200);
    expect((await fetch(`${s.holder.url}/group`)).status).toBe(404);
    const challenge = await fetch(`${s.holder.url}/group.git/auth/challenge`);
    expect(challenge.status).toBe(200);
  });

  it('takes an upload by a member, checked, then serves it', async () => {
    const f = s.file(1);
    const { href, authorization } = await uploadAction(f.sha256, f.size);
    expect(href).toBe(`${s.empty.url}/info/lfs/objects/${f.sha256}`);
    const put = await fetch(href, { method: 'PUT', headers: { authorization }, body: f.bytes });
    expect(put.status).toBe(200);
    expect(s.events).toContainEqual({
      type: 'lfs-upload',
      oid: f.sha256,
      bytes: f.size,
      member: s.alice.id,
    });
    const got = await fetch(href);
    expect(Buffer.from(await got.arrayBuffer()).equals(f.bytes)).toBe(true);
    expect(tmpFiles()).toEqual([]);

    // The token is spent.
    const again = await fetch(href, { method: 'PUT', headers: { authorization }, body: f.bytes });
    expect(again.status).toBe(401);
    // Held now: the batch gives no action, and the client takes it as uploaded.
    const res = await s.batch(
      s.empty.url,
      { operation: 'upload', objects: [{ oid: f.sha256, size: f.size }] },
      { authorization: await s.proof('alice', s.empty.url) },
    );
    expect(((await res.json()) as LfsBatchResponse).objects[0]).toEqual({
      oid: f.sha256,
      size: f.size,
    });
  });

  it('refuses, object by object, an upload no version lists, or of another size than its record', async () => {
    const f = s.file();
    const recorded = (await s.recordedSize(f.sha256)) ?? null;
    const res = await s.batch(
      s.empty.url,
      {
        operation: 'upload',
        objects: [
          { oid: UNLISTED, size: 10 },
          { oid: f.sha256, size: f.size + 1 },
        ],
      },
      { authorization: await s.proof('alice', s.empty.url) },
    );
    expect(res.status).toBe(200);
    const { objects } = (await res.json()) as LfsBatchResponse;
    expect(objects[0]).toMatchObject({ error: { code: 422, message: /approved/ } });
    expect(objects[0]!.actions).toBeUndefined();
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: 'lfs-refused', operation: 'upload', oid: UNLISTED }),
    );
    if (recorded === null) {
      // A record without sizes: the batch's size binds the upload, and the hash decides.
      const { href, authorization } = await uploadAction(f.sha256, f.size + 1);
      const put = await fetch(href, {
        method: 'PUT',
        headers: { authorization },
        body: Buffer.concat([f.bytes, Buffer.alloc(1)]),
      });
      expect(put.status).toBe(422);
      expect(existsSync(s.emptyStore.blobPath(f.sha256))).toBe(false);
    } else {
      expect(recorded).toBe(f.size);
      expect(objects[1]).toMatchObject({ error: { code: 422, message: /size/ } });
      expect(objects[1]!.actions).toBeUndefined();
    }
  });

  describe('keeps nothing of an upload that is not the object', () => {
    const cases: [string, (f: Buffer, put: Put) => ReturnType<typeof rawPut>, RegExp][] = [
      [
        'a body with another hash',
        (f, put) => put({ 'Content-Length': f.length }, (r) => r.end(Buffer.alloc(f.length, 7))),
        /^422 .*SHA-256/,
      ],
      [
        'a short body, declared short',
        (f, put) => put({ 'Content-Length': f.length - 5 }, (r) => r.end(f.subarray(5))),
        /^422 .*Content-Length/,
      ],
      [
        'a long body, declared long',
        (f, put) =>
          put({ 'Content-Length': f.length + 5 }, (r) =>
            r.end(Buffer.concat([f, Buffer.alloc(5)])),
          ),
        /^422 .*Content-Length/,
      ],
      [
        'a short body, chunked',
        (f, put) => put({ 'Transfer-Encoding': 'chunked' }, (r) => r.end(f.subarray(5))),
        /^422 .*got \d+ of/,
      ],
      [
        'a long body, chunked',
        (f, put) =>
          put({ 'Transfer-Encoding': 'chunked' }, (r) =>
            r.end(Buffer.concat([f, Buffer.alloc(5)])),
          ),
        /^(422 .*longer|error)/,
      ],
      [
        'a connection broken off half-way',
        (f, put) =>
          put({ 'Content-Length': f.length }, (r) => {
            r.write(f.subarray(0, f.length >> 1), () => setImmediate(() => r.destroy()));
          }),
        /^error/,
      ],
    ];
    type Put = (
      headers: Record<string, string | number>,
      send: (req: ReturnType<typeof request>) => void,
    ) => ReturnType<typeof rawPut>;

    it.each(cases)('%s', async (_name, attempt, outcome) => {
      const f = s.file(0);
      const { href, authorization } = await uploadAction(f.sha256, f.size);
      const put: Put = (headers, send) => rawPut(href, { authorization, ...headers }, send);
      const r = await attempt(f.bytes, put);
      const said = 'error' in r ? 'error' : `${r.status} ${r.body}`;
      expect(said).toMatch(outcome);
      // A broken connection is noticed by the server a moment after the client sees it.
      for (let i = 0; i < 100 && tmpFiles().length > 0; i++)
        await new Promise((d) => setTimeout(d, 20));
      expect(existsSync(s.emptyStore.blobPath(f.sha256))).toBe(false);
      expect(tmpFiles()).toEqual([]);
      // A failed upload gives its token back: the right bytes may follow with it.
      if (outcome.source.startsWith('^422')) {
        const ok = await fetch(href, { method: 'PUT', headers: { authorization }, body: f.bytes });
        expect(ok.status).toBe(200);
        expect(existsSync(s.emptyStore.blobPath(f.sha256))).toBe(true);
        const { rm } = await import('node:fs/promises');
        await rm(s.emptyStore.blobPath(f.sha256));
      }
    });
  });

  it('refuses an upload token once it has expired, and one for another object', async () => {
    const f = s.file(0);
    const other = s.file(2);
    const { href, authorization } = await uploadAction(f.sha256, f.size);
    const cross = await fetch(`${s.empty.url}/info/lfs/objects/${other.sha256}`, {
      method: 'PUT',
      headers: { authorization },
      body: other.bytes,
    });
    expect(cross.status).toBe(401);
    s.shift.ms = 16 * 60_000;
    try {
      const late = await fetch(href, { method: 'PUT', headers: { authorization }, body: f.bytes });
      expect(late.status).toBe(401);
      expect(((await late.json()) as { message: string }).message).toMatch(/expired/);
    } finally {
      s.shift.ms = 0;
    }
    expect(existsSync(s.emptyStore.blobPath(f.sha256))).toBe(false);
  });
});

/**
 * Git LFS on `steward serve`, over real HTTP with real member proofs: uploads by members of what some
 * registered version lists, kept only if they are what their oid says.
 */
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LfsBatchResponse } from '../../electron/core/lfs/types';
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

describe('Git LFS uploads to steward serve', () => {
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

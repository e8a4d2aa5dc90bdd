/**
 * Git LFS on `steward serve`, over real HTTP with real member proofs: downloads of what some registered
 * version lists, whole or resumed, to whom the charter allows; locks; the path prefix.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LFS_MEDIA_TYPE, type LfsBatchResponse } from '../../electron/core/lfs/types';
import { lfsServed, sha256, type LfsServed } from '../helpers/lfs-served';

const UNLISTED = sha256('bytes no version lists');

describe('Git LFS downloads from steward serve', () => {
  let s: LfsServed;
  beforeAll(async () => {
    s = await lfsServed();
  });
  afterAll(() => s?.close());

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
});

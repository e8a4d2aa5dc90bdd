/**
 * Git LFS uploads to `steward serve` cannot fill its disk, over real HTTP with real member proofs:
 * one upload of an object at a time, and no upload (least of all one whose record gives no size,
 * where the uploader's claim is the bound) past the room left on the store's disk.
 */
import { existsSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import type { LfsBatchResponse } from '../../electron/core/lfs/types';
import { ModelStore } from '../../electron/core/models/store';
import { serveRepo } from '../../electron/core/server/serve';
import { tempDir } from '../helpers/cli';
import { lfsServed, sha256, type LfsServed } from '../helpers/lfs-served';
import { until } from '../helpers/until';

/** Objects a second version lists by hash alone: its record gives no size. */
const unsized = [1, 2].map((n) => Buffer.alloc(64 << 10, n));

type Outcome = { status: number; body: string } | { error: string };

/** A PUT left open: bytes go out as `write` is called, until `end` or `abort`. */
const openPut = (href: string, authorization: string) => {
  let req!: ClientRequest;
  const outcome = new Promise<Outcome>((resolve) => {
    req = request(href, { method: 'PUT', headers: { authorization } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
  });
  req.flushHeaders();
  return { req, outcome };
};

describe('Git LFS uploads cannot fill the disk of steward serve', () => {
  let s: LfsServed;
  beforeAll(async () => {
    s = await lfsServed();
    const files = unsized.map((b, i) => `--file=extra-${i}.bin=${sha256(b)}`);
    s.g.pass('add-version', '--title', 'Two more', '--model', 'bert', '--version', '2.0', ...files);
  });
  afterAll(() => s?.close());

  const tmpFiles = () => {
    const dir = join(s.emptyStore.root, 'blobs', 'tmp');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  /** The answer of the empty peer to Alice's upload batch for one object. */
  const ask = async (url: string, oid: string, size: number) => {
    const res = await s.batch(
      url,
      { operation: 'upload', objects: [{ oid, size }] },
      { authorization: await s.proof('alice', url) },
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as LfsBatchResponse).objects[0]!;
  };
  const action = async (oid: string, size: number) => {
    const upload = (await ask(s.empty.url, oid, size)).actions?.upload;
    if (!upload) throw new Error(`no upload action for ${oid}`);
    return { href: upload.href, authorization: upload.header!.Authorization! };
  };
  const free = () => {
    const f = statfsSync(s.emptyStore.root);
    return f.bavail * f.bsize;
  };

  it('refuses in the batch a claimed size past the free space, for an object with no recorded size', async () => {
    const oid = sha256(unsized[0]!);
    expect(await s.recordedSize(oid)).toBeUndefined();
    const answer = await ask(s.empty.url, oid, Number.MAX_SAFE_INTEGER);
    expect(answer.actions).toBeUndefined();
    expect(answer.error).toMatchObject({ code: 422, message: /room for \d+ more bytes/ });
  });

  it('takes one upload of an object at a time: a second PUT while one runs is a 409', async () => {
    const bytes = unsized[0]!;
    const oid = sha256(bytes);
    // Two batches, two tokens for the same object.
    const first = await action(oid, bytes.length);
    const second = await action(oid, bytes.length);
    expect(second.authorization).not.toBe(first.authorization);
    const running = openPut(first.href, first.authorization);
    running.req.write(bytes.subarray(0, 1000));
    await until(() => tmpFiles().length > 0);
    const clash = await fetch(second.href, {
      method: 'PUT',
      headers: { authorization: second.authorization },
      body: bytes,
    });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { message: string }).message).toMatch(/in progress/);
    running.req.end(bytes.subarray(1000));
    expect(await running.outcome).toMatchObject({ status: 200 });
    expect(existsSync(s.emptyStore.blobPath(oid))).toBe(true);
  });

  it('counts the uploads in progress against the free space: an upload that would overfill it is a 507', async () => {
    const [a, b] = unsized.map(sha256) as [string, string];
    rmSync(s.emptyStore.blobPath(a), { force: true });
    // Each claim fits alone; together they ask for more than the disk has.
    const big = await action(a, Math.floor(free() * 0.9));
    const late = await action(b, Math.floor(free() * 0.5));
    const running = openPut(big.href, big.authorization);
    running.req.write(Buffer.alloc(1000));
    await until(() => tmpFiles().length > 0);
    const put = await fetch(late.href, {
      method: 'PUT',
      headers: { authorization: late.authorization },
      body: unsized[1],
    });
    expect(put.status).toBe(507);
    expect(((await put.json()) as { message: string }).message).toMatch(/room for \d+ more bytes/);
    expect(s.events).toContainEqual(
      expect.objectContaining({ type: 'lfs-refused', operation: 'upload', oid: b }),
    );
    running.req.destroy();
    expect(await running.outcome).toHaveProperty('error');
    await until(() => tmpFiles().length === 0);
    expect(existsSync(s.emptyStore.blobPath(b))).toBe(false);
  });

  it('keeps its reserve free: no upload is offered past it, recorded size or not', async () => {
    const store = new ModelStore(tempDir('steward-lfs-full-'));
    const full = await serveRepo({
      ledger: await Ledger.open(s.g.repo),
      models: store,
      lfsReserveBytes: free() + (1 << 30),
    });
    try {
      const f = s.file(0);
      expect(await s.recordedSize(f.sha256)).toBe(f.size);
      for (const [oid, size] of [
        [f.sha256, f.size],
        [sha256(unsized[1]!), unsized[1]!.length],
      ] as const) {
        const answer = await ask(full.url, oid, size);
        expect(answer.actions).toBeUndefined();
        expect(answer.error).toMatchObject({ code: 422, message: /room for 0 more bytes/ });
      }
    } finally {
      await full.close();
      rmSync(store.root, { recursive: true, force: true });
    }
  });
});

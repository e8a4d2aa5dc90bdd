/**
 * A large file's download, hashed and written on a worker thread: verified whole, resumed from
 * exactly the bytes a dropped connection left on disk (hashed again by the worker), refused for
 * one flipped byte, and stopped half-way with the partial then deleted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobReceiver, WORKER_FROM } from '../../electron/core/lfs/blob-receiver';
import { downloadObject } from '../../electron/core/lfs/http-object';
import { Dropped, Refused } from '../../electron/core/lfs/refusal';
import { ModelStore } from '../../electron/core/models/store';
import { tempDir } from '../helpers/cli';

const bytes = randomBytes(WORKER_FROM * 3 + 12345);
const oid = createHash('sha256').update(bytes).digest('hex');
type Mode = 'good' | 'drop' | 'flip' | 'hang';
const server = { url: '', mode: 'good' as Mode, ranges: [] as string[], sent: 0, onHang: () => {} };
const http = createServer((req, res) => {
  const range = req.headers.range;
  if (range) server.ranges.push(range);
  const start = range ? Number(/^bytes=(\d+)-$/.exec(range)![1]) : 0;
  const body = Buffer.from(bytes.subarray(start));
  res.writeHead(start ? 206 : 200, {
    'Content-Length': body.length,
    ...(start ? { 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
  });
  const half = Math.floor(body.length / 2);
  if (server.mode === 'flip') body[half] = body[half]! ^ 1;
  if (server.mode === 'drop' || server.mode === 'hang') {
    server.sent += half;
    res.write(body.subarray(0, half), () =>
      setTimeout(() => (server.mode === 'drop' ? res.socket?.destroy() : server.onHang()), 50),
    );
    return;
  }
  server.sent += body.length;
  res.end(body);
});

beforeAll(async () => {
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/o`;
});
afterAll(() => {
  http.closeAllConnections();
  http.close();
});

const receive = async (store: ModelStore, signal?: AbortSignal) => {
  const r = await BlobReceiver.open(store, oid, bytes.length);
  try {
    await downloadObject({ href: server.url }, r, {
      authorization: undefined,
      onBytes: () => undefined,
      ...(signal ? { signal } : {}),
    });
    await r.complete();
  } catch (error) {
    await r.settled();
    throw error;
  }
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a large download, hashed on a worker', () => {
  it('is verified and lands as the blob', async () => {
    const store = new ModelStore(tempDir('steward-large-'));
    server.mode = 'good';
    await receive(store);
    expect(sha(store.blobPath(oid))).toBe(oid);
    expect(existsSync(store.partialPath(oid))).toBe(false);
  });

  it('keeps exactly what arrived when the connection drops, and resumes from there', async () => {
    const store = new ModelStore(tempDir('steward-large-'));
    server.mode = 'drop';
    server.sent = 0;
    await expect(receive(store)).rejects.toBeInstanceOf(Dropped);
    const kept = statSync(store.partialPath(oid)).size;
    expect(kept).toBe(server.sent);
    expect(readFileSync(store.partialPath(oid)).equals(bytes.subarray(0, kept))).toBe(true);
    server.mode = 'good';
    server.sent = 0;
    server.ranges = [];
    await receive(store);
    expect(server.ranges).toEqual([`bytes=${kept}-`]);
    expect(server.sent).toBe(bytes.length - kept);
    expect(sha(store.blobPath(oid))).toBe(oid);
  });

  it('refuses one flipped byte and keeps nothing', async () => {
    const store = new ModelStore(tempDir('steward-large-'));
    server.mode = 'flip';
    await expect(receive(store)).rejects.toBeInstanceOf(Refused);
    expect(existsSync(store.blobPath(oid))).toBe(false);
    expect(existsSync(store.partialPath(oid))).toBe(false);
  });

  it('stops half-way when asked; the partial is then deleted', async () => {
    const store = new ModelStore(tempDir('steward-large-'));
    server.mode = 'hang';
    const stop = new AbortController();
    server.onHang = () => stop.abort();
    await expect(receive(store, stop.signal)).rejects.toThrow();
    await BlobReceiver.discardFor(store, oid);
    expect(existsSync(store.partialPath(oid))).toBe(false);
    expect(existsSync(store.blobPath(oid))).toBe(false);
  });
});

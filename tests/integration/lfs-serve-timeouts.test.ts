/**
 * Deadlines of `steward serve`, over real HTTP, with small ones set for the test: an LFS transfer
 * that keeps moving outlasts the whole-request deadline, one that goes idle is cut, and any other
 * request still gets the whole-request deadline (a 408), so a slow client cannot hold it open.
 * Nothing here asserts a speed: only which side of a deadline a request falls on.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { LFS_MEDIA_TYPE, type LfsBatchResponse } from '../../electron/core/lfs/types';
import { ModelStore } from '../../electron/core/models/store';
import { serveRepo, type Served } from '../../electron/core/server/serve';
import { tempDir } from '../helpers/cli';
import { lfsServed, type LfsServed } from '../helpers/lfs-served';
import { until } from '../helpers/until';

const REQUEST_MS = 400;
const IDLE_MS = 3000;
const pause = (ms: number) => new Promise((d) => setTimeout(d, ms));

type Outcome = { status: number; body: string } | { error: string };

/** A request whose body is written by `send`; `answered` is set once a response has come. */
const send = (
  url: string,
  method: string,
  headers: Record<string, string | number>,
  write: (req: ClientRequest, answered: () => boolean) => Promise<void>,
): Promise<Outcome> =>
  new Promise((resolve) => {
    let got = false;
    const req = request(url, { method, headers }, (res) => {
      got = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    req.flushHeaders();
    void write(req, () => got);
  });

describe('deadlines of steward serve', () => {
  let s: LfsServed;
  let served: Served;
  let store: ModelStore;
  beforeAll(async () => {
    s = await lfsServed();
    store = new ModelStore(tempDir('steward-lfs-slow-'));
    served = await serveRepo({
      ledger: await Ledger.open(s.g.repo),
      models: store,
      timeouts: { requestMs: REQUEST_MS, idleMs: IDLE_MS },
    });
  });
  afterAll(async () => {
    await served?.close();
    rmSync(store.root, { recursive: true, force: true });
    await s?.close();
  });

  const tmpFiles = () => {
    const dir = join(store.root, 'blobs', 'tmp');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  const uploadAction = async (i: number) => {
    const f = s.file(i);
    const res = await s.batch(
      served.url,
      { operation: 'upload', objects: [{ oid: f.sha256, size: f.size }] },
      { authorization: await s.proof('alice', served.url) },
    );
    const upload = ((await res.json()) as LfsBatchResponse).objects[0]!.actions!.upload!;
    return { f, href: upload.href, authorization: upload.header!.Authorization! };
  };

  it('lets an upload that keeps moving run past the whole-request deadline', async () => {
    const { f, href, authorization } = await uploadAction(1);
    const parts = 12;
    const step = Math.ceil(f.size / parts);
    const r = await send(href, 'PUT', { authorization, 'Content-Length': f.size }, async (req) => {
      for (let at = 0; at < f.size; at += step) {
        // Together the pauses are far longer than the deadline; each is far shorter than idle.
        await pause(REQUEST_MS / 4);
        req.write(f.bytes.subarray(at, at + step));
      }
      req.end();
    });
    expect(r).toMatchObject({ status: 200 });
    expect(existsSync(store.blobPath(f.sha256))).toBe(true);
  });

  it('cuts an upload whose connection goes idle, and keeps nothing of it', async () => {
    const { f, href, authorization } = await uploadAction(0);
    const r = await send(href, 'PUT', { authorization, 'Content-Length': f.size }, async (req) => {
      req.write(f.bytes.subarray(0, f.size >> 1));
      await Promise.resolve();
    });
    expect(r).toHaveProperty('error');
    await until(() => tmpFiles().length === 0, 5000);
    expect(existsSync(store.blobPath(f.sha256))).toBe(false);
  });

  it('gives any other request the whole-request deadline: a body still dribbling in is a 408', async () => {
    const body = JSON.stringify({ operation: 'download', objects: [] });
    const headers = { 'Content-Type': LFS_MEDIA_TYPE, 'Content-Length': body.length };
    const url = `${served.url}/info/lfs/objects/batch`;
    const r = await send(url, 'POST', headers, async (req, answered) => {
      for (let i = 0; i < body.length - 1 && !answered(); i++) {
        req.write(body[i]);
        await pause(REQUEST_MS / 8);
      }
    });
    expect(r).toMatchObject({ status: 408 });
  });
});

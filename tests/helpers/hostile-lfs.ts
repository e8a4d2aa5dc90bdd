/**
 * A Git LFS server written for tests, in this process, that serves a model store's objects the
 * way a peer would, or in one of the ways a broken or hostile peer might: a flipped byte, a wrong
 * length, a body that never ends, a 404, garbage instead of JSON, a link to another scheme, a
 * connection dropped half-way. It counts what it sends, and the ranges asked of it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelStore } from '../../electron/core/models/store';

export type Behaviour =
  | 'good'
  | 'flip'
  | 'short'
  | 'short-chunked'
  | 'too-long'
  | 'wrong-size'
  /** Claims each object has 2^52 bytes (a lie a record with no size cannot catch). */
  | 'huge-size'
  | 'not-found'
  | 'garbage'
  | 'scheme'
  /** Sends half of each object (Content-Length whole), then drops; any later request drops at once. */
  | 'drop'
  /** As `drop`, with one byte of the half it sends flipped: a liar that leaves a bad partial. */
  | 'flip-drop'
  /** Sends half of `hangOn`'s object, then waits for ever (for a stop half-way). */
  | 'hang';

export type HostileLfs = {
  url: string;
  behaviour: Behaviour;
  /** Bytes of object bodies sent, and the Range headers received, per oid. */
  sent: Map<string, number>;
  ranges: string[];
  /** Called once `hang` has sent its half. */
  onHang?: () => void;
  hangOn?: string;
  close: () => Promise<void>;
};

export const hostileLfs = async (store: ModelStore, behaviour: Behaviour): Promise<HostileLfs> => {
  const state: HostileLfs = {
    url: '',
    behaviour,
    sent: new Map(),
    ranges: [],
    close: () => Promise.resolve(),
  };
  const count = (oid: string, n: number) => state.sent.set(oid, (state.sent.get(oid) ?? 0) + n);
  const dropped = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST' && url.pathname === '/info/lfs/objects/batch')
        return batch(JSON.parse(Buffer.concat(chunks).toString()) as Req, res);
      const m = /^\/objects\/([0-9a-f]{64})$/.exec(url.pathname);
      if (req.method === 'GET' && m) return object(m[1]!, req.headers.range, res);
      res.writeHead(404).end();
    });
  });
  type Req = { objects: { oid: string; size: number }[] };
  const batch = (body: Req, res: ServerResponse) => {
    if (state.behaviour === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'application/vnd.git-lfs+json' }).end('{"objects": [');
      return;
    }
    const objects = body.objects.map((p) => {
      const bytes = readFileSync(store.blobPath(p.oid));
      const href =
        state.behaviour === 'scheme' ? `file:///etc/passwd` : `${state.url}/objects/${p.oid}`;
      const size =
        state.behaviour === 'wrong-size'
          ? bytes.length + 1
          : state.behaviour === 'huge-size'
            ? 2 ** 52
            : bytes.length;
      return { oid: p.oid, size, actions: { download: { href, header: { 'X-Test': 'yes' } } } };
    });
    res.writeHead(200, { 'Content-Type': 'application/vnd.git-lfs+json' });
    res.end(JSON.stringify({ transfer: 'basic', objects }));
  };
  const object = (oid: string, range: string | undefined, res: ServerResponse) => {
    const bytes = readFileSync(store.blobPath(oid));
    if (range) state.ranges.push(range);
    const start = range ? Number(/^bytes=(\d+)-$/.exec(range)![1]) : 0;
    const body = bytes.subarray(start);
    const head = (length?: number) =>
      res.writeHead(start > 0 ? 206 : 200, {
        'Content-Type': 'application/octet-stream',
        ...(length !== undefined ? { 'Content-Length': length } : {}),
        ...(start > 0
          ? { 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` }
          : {}),
      });
    const half = Math.floor(body.length / 2);
    switch (state.behaviour) {
      case 'not-found':
        res.writeHead(404).end('no such object');
        return;
      case 'flip': {
        const copy = Buffer.from(body);
        copy[half] = copy[half]! ^ 0xff;
        head(copy.length);
        count(oid, copy.length);
        res.end(copy);
        return;
      }
      case 'short':
        head(body.length - 1);
        count(oid, body.length - 1);
        res.end(body.subarray(0, body.length - 1));
        return;
      case 'short-chunked':
        head();
        count(oid, body.length - 1);
        res.end(body.subarray(0, body.length - 1));
        return;
      case 'too-long':
        head();
        count(oid, body.length + 1000);
        res.write(body);
        res.end(Buffer.alloc(1000, 7));
        return;
      case 'drop':
      case 'flip-drop': {
        if (dropped.has(oid)) {
          res.socket?.destroy();
          return;
        }
        dropped.add(oid);
        head(body.length);
        count(oid, half);
        const sent = Buffer.from(body.subarray(0, half));
        if (state.behaviour === 'flip-drop' && half > 0) sent[0] = sent[0]! ^ 0xff;
        res.write(sent, () => setTimeout(() => res.socket?.destroy(), 50));
        return;
      }
      case 'hang':
        if (oid === state.hangOn) {
          head(body.length);
          count(oid, half);
          res.write(body.subarray(0, half), () => setTimeout(() => state.onHang?.(), 50));
          return;
        }
        break;
      case 'good':
      case 'garbage':
      case 'scheme':
      case 'wrong-size':
      case 'huge-size':
        break;
    }
    head(body.length);
    count(oid, body.length);
    res.end(body);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
};

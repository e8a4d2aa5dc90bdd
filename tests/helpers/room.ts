/**
 * Clients of a room served by `steward serve`, as machines of the room: each request may come
 * from another loopback address (127.0.0.x), which the server takes for another machine; only
 * 127.0.0.1 is this one. node:http sends the Host header it is given, which fetch will not.
 */
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Ledger } from '../../electron/core/ledger/ledger';
import { serveRepo, type Served } from '../../electron/core/server/serve';
import { Person, steward, tempDir } from './cli';

export const CODE = 'K7Q2MXAB';
export const TOKEN = 'ab12'.repeat(12);

export type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

type Send = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The address the request comes from: another machine of the room. */
  from?: string;
};

/** One request with node:http, which sends the Host header it is given (fetch will not). */
export const send = (url: string, { method = 'GET', headers = {}, body, from }: Send = {}) =>
  new Promise<Reply>((resolve, reject) => {
    const req = request(url, {
      method,
      headers,
      agent: false,
      ...(from && { localAddress: from }),
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });

/** A browser on one machine: its address and its cookie. */
export class Browser {
  private cookie = '';
  constructor(
    private readonly base: string,
    private readonly from = '127.0.0.1',
  ) {}

  async call(
    channel: string,
    arg: unknown = {},
  ): Promise<{ status: number; result?: unknown; error?: { code: string; message: string } }> {
    const r = await send(`${this.base}/api/invoke/${channel}`, {
      method: 'POST',
      from: this.from,
      headers: { 'content-type': 'application/json', ...(this.cookie && { cookie: this.cookie }) },
      body: JSON.stringify(arg),
    });
    const set = r.headers['set-cookie']?.[0];
    if (set) this.cookie = set.split(';')[0]!;
    return { status: r.status, ...(JSON.parse(r.body) as object) };
  }

  async ok<T>(channel: string, arg: unknown = {}): Promise<T> {
    const r = await this.call(channel, arg);
    if (r.status !== 200) throw new Error(`${channel}: ${r.status} ${JSON.stringify(r.error)}`);
    return r.result as T;
  }

  /** Opens the host's link, as the host's own browser does. */
  async asHost(): Promise<this> {
    const r = await send(`${this.base}/host?token=${TOKEN}`, { from: this.from });
    if (r.status !== 302) throw new Error(`the host link answered ${r.status}`);
    this.cookie = r.headers['set-cookie']![0]!.split(';')[0]!;
    return this;
  }

  async joined(): Promise<this> {
    await this.ok('session:join', { code: CODE });
    return this;
  }
}

/**
 * A client that sends the whole body before it reads anything (as simple clients do), `size`
 * bytes with or without Content-Length; the status it then reads, or 0 if the connection broke.
 */
export const sendLarge = async (url: string, size: number, declare: boolean): Promise<number> => {
  const { hostname, port, pathname } = new URL(url);
  const socket = connect(Number(port), hostname);
  // The error shows as a missing answer below.
  let broken = false;
  socket.on('error', () => {
    broken = true;
  });
  await once(socket, 'connect');
  // Nothing is read until the body is sent: an answer must wait in the connection for it.
  socket.pause();
  const framing = declare ? `Content-Length: ${size}` : 'Transfer-Encoding: chunked';
  const chunk = Buffer.alloc(64 << 10, 0x20);
  const write = (data: string | Buffer): Promise<void> =>
    new Promise((resolve, reject) => socket.write(data, (e) => (e ? reject(e) : resolve())));
  try {
    await write(
      `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        `Content-Type: application/json\r\n${framing}\r\n\r\n`,
    );
    for (let sent = 0; sent < size; sent += chunk.length)
      await write(
        declare ? chunk : Buffer.concat([Buffer.from('10000\r\n'), chunk, Buffer.from('\r\n')]),
      );
    if (!declare) await write('0\r\n\r\n');
  } catch {
    // A broken connection: whatever answer came before it is read below, if it survived.
  }
  const received: Buffer[] = [];
  socket.on('data', (c: Buffer) => {
    received.push(c);
    if (Buffer.concat(received).includes('\r\n\r\n')) socket.destroy();
  });
  socket.resume();
  if (!socket.closed) await once(socket, 'close');
  if (broken && received.length === 0) return 0;
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(received).toString())?.[1] ?? 0);
};

/**
 * A group served to a room by `serveRepo` in this process, with the UI: Alice hosts (her identity
 * is this machine's), Bob is a member who brings his identity file, Carol is not a member.
 */
export class Room {
  readonly root = tempDir('steward-room-');
  readonly repo = join(this.root, 'group');
  readonly people = {
    alice: new Person(join(this.root, 'alice'), this.repo),
    bob: new Person(join(this.root, 'bob'), this.repo),
    carol: new Person(join(this.root, 'carol'), this.repo),
  };
  url = '';
  port = '';
  private served: Served | undefined;
  private readonly t0 = Date.now() - 3600_000;
  private minutes = 0;

  next(): string {
    return new Date(this.t0 + ++this.minutes * 1000).toISOString();
  }

  /** The identity file as it is on disk, which a participant brings. */
  identityOf(who: 'bob' | 'carol'): string {
    return readFileSync(join(this.people[who].home, 'identity.json'), 'utf8');
  }

  async start(): Promise<this> {
    const keys: Record<string, string> = {};
    for (const [name, p] of Object.entries(this.people))
      keys[name] = p.json<{ publicKey: string }>(
        this.next(),
        'identity',
        'create',
        '--name',
        name[0]!.toUpperCase() + name.slice(1),
      ).publicKey;
    const founded = steward(
      ['init', this.repo, '--name', 'Guild', '--member', `${keys.bob}:Bob`, '--json'],
      this.people.alice.env(this.next()),
    );
    if (founded.status !== 0) throw new Error(`init failed: ${founded.stderr}`);
    this.people.bob.json(this.next(), 'charter', 'sign');
    this.served = await serveRepo({
      ledger: await Ledger.open(this.repo),
      ui: { home: this.people.alice.home, version: 'test', code: CODE, hostToken: TOKEN },
    });
    this.url = this.served.url;
    this.port = new URL(this.url).port;
    return this;
  }

  async close(): Promise<void> {
    await this.served?.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

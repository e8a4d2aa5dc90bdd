/**
 * The one `node:http` server of `steward serve`, with routes mounted on it: git's smart HTTP now,
 * the web UI and its API later. Routing, body limits and error answers live here so that every
 * route gets the same ones: 404 for an unknown path, 405 for a known path and a wrong method, and
 * a one-line text body for every error, never a stack trace. Every route, git's included, answers
 * only a Host header naming an address or a name the server was bound to (host-header.ts): a page
 * on a domain rebound to this machine gets nothing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { StewardError, type ErrorCode } from '../../../shared/errors';
import { boundNames, hostAllowed } from './host-header';
import {
  DEFAULT_TIMEOUTS,
  startRequestClock,
  type RequestClock,
  type Timeouts,
} from './request-timeouts';

export type Params = Record<string, string>;
export type RequestContext = { url: URL; params: Params };

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Whether the route serves this (normalised) path; an object of parameters counts as yes. */
  match: (pathname: string) => boolean | Params;
  handle: (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void> | void;
  /** Moves large bodies (LFS objects): cut when idle, not after the whole-request deadline. */
  transfer?: boolean;
};

/** An answer other than 200 that a route gives on purpose, with its one-line reason. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Expected failures that escape a route; any other code is a bug on our side. */
const statusOf: Partial<Record<ErrorCode, number>> = {
  'invalid-argument': 400,
  corrupt: 400,
  'missing-prerequisites': 400,
  unauthorized: 401,
  'not-a-member': 403,
  'not-found': 404,
  conflict: 409,
  'push-rejected': 409,
  'sync-refused': 409,
  locked: 503,
};

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

export const sendText = (
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void => {
  const body = `${oneLine(message)}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // The body may echo what the client sent (a path): never to be read as HTML.
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
};

const header = (req: IncomingMessage, name: string): string => {
  const value = req.headers[name];
  return (Array.isArray(value) ? value.join(', ') : (value ?? '')).trim();
};

/**
 * How much of a refused body is still read (and thrown away) after the 413. Closing at once would
 * reset the connection while the client is still sending, and a reset makes the client drop the
 * answer it had not read yet: it would see a broken connection, not the 413.
 */
const DRAIN_LIMIT = 64 << 20;

const tooLarge = (limit: number): HttpError =>
  new HttpError(413, `the request body is over the limit of ${limit} bytes`);

/** Reads the rest of a refused request into nothing, and cuts off a client that keeps sending. */
const drain = (req: IncomingMessage): void => {
  let thrown = 0;
  req.on('data', (chunk: Buffer) => {
    thrown += chunk.length;
    if (thrown > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
};

/**
 * The whole request body, gunzipped when the client compressed it (git does for fetches), and
 * refused with 413 once it, or what it inflates to, passes `limit` bytes. The connection stays
 * open while the rest of the body is read and thrown away, so the client gets the 413.
 */
export const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> => {
  const encoding = header(req, 'content-encoding').toLowerCase() || 'identity';
  if (!['identity', 'gzip', 'x-gzip'].includes(encoding)) {
    return Promise.reject(new HttpError(415, `Content-Encoding ${encoding} is not supported`));
  }
  const declared = Number(header(req, 'content-length') || 0);
  if (declared > limit) {
    // Thrown away as it comes, so the client can finish sending and read the answer.
    drain(req);
    return Promise.reject(tooLarge(limit));
  }
  const gunzip = encoding === 'identity' ? undefined : createGunzip();
  const source = gunzip ? req.pipe(gunzip) : req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      if (gunzip) {
        req.unpipe(gunzip);
        gunzip.destroy();
      }
      drain(req);
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) fail(tooLarge(limit));
      else chunks.push(chunk);
    });
    source.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    source.on('error', (error) =>
      fail(gunzip ? new HttpError(400, 'the request body is not valid gzip') : error),
    );
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new HttpError(400, 'the client closed the request before its end'));
    });
  });
};

/** The path with runs of slashes collapsed: a client given `http://host/` asks for `//info/refs`. */
const parseUrl = (raw: string | undefined): URL | undefined => {
  if (!raw?.startsWith('/')) return undefined;
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/{2,}/g, '/');
  try {
    return new URL(path + (q < 0 ? '' : raw.slice(q)), 'http://localhost');
  } catch {
    return undefined;
  }
};

export type HttpServer = {
  /** `http://host:port`, known once `listen` has resolved. */
  readonly url: string;
  mount: (...routes: Route[]) => void;
  /** Takes over connections that ask to upgrade (WebSocket); any other is refused. */
  onUpgrade: (handler: (req: IncomingMessage, socket: Duplex, head: Buffer) => void) => void;
  listen: () => Promise<string>;
  close: () => Promise<void>;
};

export type HttpServerOptions = {
  host?: string;
  /** Names besides addresses that Host may give (by default `host`, if it is a name). */
  names?: string[];
  port?: number;
  /** Bugs: errors no route expected, answered with a bare 500. */
  onError?: (error: unknown) => void;
  /** Deadlines for requests and transfers (request-timeouts.ts). */
  timeouts?: Partial<Timeouts>;
};

export const createHttpServer = ({
  host = '127.0.0.1',
  port = 0,
  names = boundNames(host),
  onError = (error) => console.error(error),
  timeouts,
}: HttpServerOptions = {}): HttpServer => {
  const limits = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const routes: Route[] = [];
  let url = '';

  const fail = (res: ServerResponse, error: unknown): void => {
    if (res.headersSent) {
      // Too late for a status: cutting the response off is the only signal left.
      if (!(error instanceof HttpError)) onError(error);
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      sendText(res, error.status, error.message, error.headers);
      return;
    }
    const status = error instanceof StewardError ? statusOf[error.code] : undefined;
    if (status !== undefined) {
      sendText(res, status, (error as StewardError).message);
      return;
    }
    onError(error);
    sendText(res, 500, 'internal error');
  };

  const dispatch = async (
    req: IncomingMessage,
    res: ServerResponse,
    clock: RequestClock,
  ): Promise<void> => {
    if (!hostAllowed(req.headers.host, names))
      throw new HttpError(403, 'this server answers requests to its address only');
    const parsed = parseUrl(req.url);
    if (!parsed) throw new HttpError(400, 'malformed request target');
    const matching = routes
      .map((route) => ({ route, params: route.match(parsed.pathname) }))
      .filter((m) => m.params !== false);
    const hit = matching.find((m) => m.route.method === req.method);
    if (!hit) {
      if (matching.length === 0) throw new HttpError(404, `${parsed.pathname} is not here`);
      const allow = [...new Set(matching.map((m) => m.route.method))].join(', ');
      throw new HttpError(405, `${req.method ?? '?'} is not allowed here`, { Allow: allow });
    }
    if (hit.route.transfer) clock.transfer();
    const params = hit.params === true ? {} : (hit.params as Params);
    await hit.route.handle(req, res, { url: parsed, params });
  };

  const server = createServer((req, res) => {
    const clock = startRequestClock(req, res, limits);
    dispatch(req, res, clock).catch((error: unknown) => fail(res, error));
  });
  // Node's deadline would cut a transfer still moving: request-timeouts.ts keeps it for the rest.
  server.requestTimeout = 0;
  let upgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => void) | undefined;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (upgrade && hostAllowed(req.headers.host, names)) upgrade(req, socket, head);
    else socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  return {
    get url() {
      return url;
    },
    mount: (...more) => void routes.push(...more),
    onUpgrade: (handler) => {
      upgrade = handler;
    },
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const name = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          url = `http://${name}:${address.port}`;
          resolve(url);
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
};

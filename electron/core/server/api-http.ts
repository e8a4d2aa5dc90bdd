/**
 * The UI's contract over HTTP, mounted on `steward serve`'s one server: requests as
 * `POST /api/invoke/<channel>` (JSON in, `{result}` or `{error: {code, message, data}}` out),
 * events over one WebSocket at `/api/events`, and the built renderer as static files. A browser is
 * one session, known by an HttpOnly cookie; its unlocked key stays in this process.
 *
 * Only same-origin pages may call: a POST from another origin is refused, and the server itself
 * refuses a Host header that is not an address (a DNS-rebinding page names its own domain).
 *
 * Sessions are bounded per client and in all, and a flood of new ones pushes out only sessions
 * that hold nothing: never the host's own, never one with an unlocked key.
 */
import { statusOf } from './error-status';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { isStewardError, type ErrorCode, type ErrorJSON } from '../../../shared/errors';
import type { Api, ApiSession } from '../api/api';
import { clientOf } from './client-address';
import { HttpError, readBody, type HttpServer, type Route } from './http';
import type { ReviewRoom } from './review-room';

const COOKIE = 'steward-session';
const BODY_LIMIT = 1 << 20;
/** Requests that carry files: a bundle (base64) and an evaluation's dataset. */
const LARGE_BODIES: Record<string, number> = {
  'sync:bundleImport': 280 << 20,
  'models:eval': 16 << 20,
};
const MAX_SESSIONS = 256;
const MAX_WAITING = 64;
/** Sessions holding nothing that one client (an address) may have in each table. */
const MAX_PER_CLIENT = 32;
/** The host's own sessions (the host link opened again and again): the oldest go first. */
const MAX_HOST = 16;

/** What the served page may load: itself, and its own server for requests and events. */
export const servedCsp =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const isLoopback = (address: string | undefined): boolean =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** A session that holds nothing: not the host's, no unlocked key. */
const disposable = (session: ApiSession): boolean => !session.host && session.signer === undefined;

const cookieOf = (req: IncomingMessage): string | undefined =>
  /(?:^|;\s*)steward-session=([0-9a-f]{64})(?:;|$)/.exec(req.headers.cookie ?? '')?.[1];

const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
};

export type ApiHttpOptions = {
  api: Api;
  /**
   * The secret that makes a browser the host's own app (set up, import models, sync): printed on
   * the host's screen as `/host?token=…`, taken from this machine only. Being on this machine is
   * not enough (another user of it, a tunnel); without a token nobody is the host.
   */
  hostToken?: string;
  /** The built renderer (out/renderer); absent: the API alone. */
  renderer?: string;
  onError?: (error: unknown) => void;
  /**
   * How long a participant's unlocked key is kept with no request from them (default 30 minutes):
   * a laptop left open in the room cannot be used to vote in its owner's name for the rest of
   * the day. They stay admitted, and unlock again. The host's own sessions are not timed out.
   */
  idleMs?: number;
  /** The review session's room, which answers the `review:*` requests and tells its changes. */
  room?: ReviewRoom;
  /**
   * Whether a browser on this machine (a loopback address) needs no session code (the default).
   * The room's own listener says no: every browser reaching it gives the code.
   */
  trustLoopback?: boolean;
  /** Whether closing this mount stops the Api (the default); not where another mount shares it. */
  ownsApi?: boolean;
};

export const DEFAULT_IDLE_MS = 30 * 60_000;

/** Requests a page makes on its own, which do not count as someone using it. */
const PASSIVE = new Set([
  'app:version',
  'app:get',
  'session:get',
  'group:get',
  'review:get',
  'models:local',
  'sync:remotes',
]);

/** Mounts the API, its events and the UI on the server; returns what closes the sockets. */
export const mountApi = (
  server: HttpServer,
  {
    api,
    renderer,
    hostToken,
    onError = (e) => console.error(e),
    idleMs = DEFAULT_IDLE_MS,
    room,
    trustLoopback = true,
    ownsApi = true,
  }: ApiHttpOptions,
): { close: () => Promise<void>; sessions: number } => {
  // Admitted sessions (code given, or none needed) and those still waiting for the code are kept
  // apart: a flood of cookie-less requests only ever pushes out other such strangers.
  const sessions = new Map<string, ApiSession>();
  const waiting = new Map<string, ApiSession>();

  /** When each session last made a request. */
  const seen = new WeakMap<ApiSession, number>();
  /** A participant idle too long loses their unlocked key (and any run of theirs). */
  const lockIfIdle = (session: ApiSession): void => {
    if (session.host || session.signer === undefined) return;
    if (Date.now() - (seen.get(session) ?? Date.now()) >= idleMs) api.forget(session);
  };
  // Keys are dropped from memory on time, not only when their owner comes back.
  const sweep = setInterval(
    () => {
      for (const session of sessions.values()) lockIfIdle(session);
    },
    Math.min(60_000, Math.max(1_000, idleMs / 4)),
  );
  sweep.unref();

  const drop = (table: Map<string, ApiSession>, id: string, session: ApiSession): void => {
    api.forget(session);
    table.delete(id);
  };

  /**
   * Keeps a table within bounds after `added` came in, forgetting the least recently used first:
   * at most `MAX_PER_CLIENT` disposable sessions of its client, `MAX_HOST` of the host's, and
   * `max` in all, of which only disposable ones are ever pushed out.
   */
  const bound = (table: Map<string, ApiSession>, max: number, added: ApiSession): void => {
    const kin = [...table].filter(([, s]) =>
      added.host ? s.host : disposable(s) && s.client === added.client,
    );
    const keep = added.host ? MAX_HOST : MAX_PER_CLIENT;
    for (const [id, session] of kin.slice(0, Math.max(0, kin.length - keep)))
      drop(table, id, session);
    for (const [id, session] of table) {
      if (table.size <= max) break;
      if (disposable(session)) drop(table, id, session);
    }
  };

  /** The session of a request, made on first sight; loopback clients need no session code. */
  const sessionOf = (
    req: IncomingMessage,
    asHost = false,
  ): { id: string; session: ApiSession; fresh: boolean } => {
    const id = cookieOf(req);
    for (const table of asHost ? [] : [sessions, waiting]) {
      const known = id ? table.get(id) : undefined;
      if (id && known) {
        // Most recently used last: the oldest is the first to go when there are too many.
        table.delete(id);
        table.set(id, known);
        lockIfIdle(known);
        return { id, session: known, fresh: false };
      }
    }
    const made = randomBytes(32).toString('hex');
    const local = isLoopback(req.socket.remoteAddress);
    const session: ApiSession = {
      id: made,
      // The room's listener admits nobody before the code, even while the room is closing.
      admitted: asHost || (trustLoopback && (!api.needsCode || local)),
      host: asHost,
      client: clientOf(req.socket.remoteAddress),
    };
    const table = session.admitted ? sessions : waiting;
    table.set(made, session);
    seen.set(session, Date.now());
    bound(table, session.admitted ? MAX_SESSIONS : MAX_WAITING, session);
    return { id: made, session, fresh: true };
  };

  /** A session that gave the code moves to the admitted table. */
  const settle = (id: string, session: ApiSession): void => {
    if (!session.admitted || !waiting.has(id)) return;
    waiting.delete(id);
    sessions.set(id, session);
    bound(sessions, MAX_SESSIONS, session);
  };

  // The Host header was checked by the server, for every route (host-header.ts).
  const checkOrigin = (req: IncomingMessage): void => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`)
      throw new HttpError(403, 'requests from another origin are refused');
  };

  const invoke: Route = {
    method: 'POST',
    match: (path) => {
      const m = /^\/api\/invoke\/([a-z]+:[A-Za-z]+)$/.exec(path);
      return m ? { channel: m[1]! } : false;
    },
    handle: async (req, res, { params }) => {
      // Errors of the API are JSON too, these included.
      try {
        checkOrigin(req);
      } catch (error) {
        sendJson(res, 403, { error: errorOf('unauthorized', (error as Error).message) });
        return;
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        const message = 'send the argument as application/json';
        sendJson(res, 415, { error: errorOf('invalid-argument', message) });
        return;
      }
      const { id, session, fresh } = sessionOf(req);
      // What the page asks by itself (a refresh when the head moves) is not its user at work.
      if (!PASSIVE.has(params.channel!)) seen.set(session, Date.now());
      const cookie: Record<string, string> = fresh
        ? { 'Set-Cookie': `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/` }
        : {};
      if ((req.headers['content-encoding'] ?? 'identity') !== 'identity') {
        const message = 'send the argument uncompressed';
        sendJson(res, 415, { error: errorOf('invalid-argument', message) }, cookie);
        return;
      }
      // Files come from the host's own client alone: others never get past the small limit.
      const limit = (session.host && LARGE_BODIES[params.channel!]) || BODY_LIMIT;
      let body: Buffer;
      try {
        body = await readBody(req, limit);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        const json = errorOf('invalid-argument', error.message);
        sendJson(res, error.status, { error: json }, { ...cookie, ...error.headers });
        return;
      }
      let arg: unknown;
      try {
        arg = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        sendJson(res, 400, { error: errorOf('invalid-argument', 'the body is not JSON') }, cookie);
        return;
      }
      const channel = params.channel!;
      try {
        const result = room?.handles(channel)
          ? await room.invoke(channel, arg, session)
          : await api.invoke(channel, arg, session);
        // The user was at work until the answer came (an unlock takes a while): not idle.
        if (!PASSIVE.has(channel)) seen.set(session, Date.now());
        settle(id, session);
        sendJson(res, 200, { result }, cookie);
      } catch (error) {
        if (!isStewardError(error) || error.code === 'internal') onError(error);
        const json: ErrorJSON = isStewardError(error)
          ? error.toJSON()
          : errorOf('internal', 'the request failed on the host');
        sendJson(res, statusOf[json.code] ?? 500, { error: json }, cookie);
      }
    },
  };

  /** `/host?token=…`, opened from the host's screen: this browser becomes the host's own app. */
  const host: Route = {
    method: 'GET',
    match: (path) => path === '/host',
    handle: (req, res, { url }) => {
      const given = Buffer.from(url.searchParams.get('token') ?? '');
      const expected = Buffer.from(hostToken ?? '');
      const ok =
        hostToken !== undefined &&
        isLoopback(req.socket.remoteAddress) &&
        given.length === expected.length &&
        timingSafeEqual(given, expected);
      if (!ok) throw new HttpError(403, 'this link is not the one shown on the host’s screen');
      const { id } = sessionOf(req, true);
      res.writeHead(302, {
        Location: '/',
        'Set-Cookie': `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': 0,
      });
      res.end();
    },
  };

  const routes: Route[] = [invoke, host];
  if (renderer) routes.push(...staticRoutes(renderer));
  server.mount(...routes);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Map<WebSocket, string>();
  // The head each socket last heard: the head sent on connecting and a change seen by the
  // watcher at the same moment are one head, told once.
  const heard = new WeakMap<WebSocket, string>();
  const tell = (socket: WebSocket, event: string, payload: unknown): void => {
    if (event === 'group:onDidChange') {
      const { head } = payload as { head: string };
      if (heard.get(socket) === head) return;
      heard.set(socket, head);
    }
    socket.send(JSON.stringify({ event, payload }));
  };
  const unsubscribe = api.on((event, payload, target) => {
    for (const [socket, session] of sockets)
      if (target === undefined || target === session) tell(socket, event, payload);
  });
  const unsubscribeRoom = room?.on((change) => {
    for (const socket of sockets.keys()) tell(socket, 'review:onDidChange', change);
  });
  server.onUpgrade((req, socket, head) => {
    const id = cookieOf(req);
    const session = id ? sessions.get(id) : undefined;
    const path = (req.url ?? '').split('?')[0];
    const origin = req.headers.origin;
    if (
      path !== '/api/events' ||
      !session?.admitted ||
      (origin !== undefined && origin !== `http://${req.headers.host}`)
    ) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(ws, id!);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      // The head as of now: a client back from a dropped connection learns what it missed.
      api.head().then(
        (current) => {
          if (ws.readyState === ws.OPEN) tell(ws, 'group:onDidChange', { head: current });
        },
        () => undefined,
      );
    });
  });
  api.watch();

  return {
    close: async () => {
      clearInterval(sweep);
      unsubscribe();
      unsubscribeRoom?.();
      if (ownsApi) await api.stop();
      for (const socket of sockets.keys()) socket.terminate();
      wss.close();
      // Whoever this mount admitted is admitted no more, and their keys are dropped.
      for (const table of [sessions, waiting])
        for (const [id, session] of table) {
          drop(table, id, session);
          session.admitted = false;
        }
    },
    get sessions() {
      return sessions.size;
    },
  };
};

const errorOf = (code: ErrorCode, message: string): ErrorJSON => ({ code, message, data: {} });

/** The built renderer: its files as they are, and index.html for `/`. */
const staticRoutes = (root: string): Route[] => {
  const serve = async (res: ServerResponse, file: string): Promise<void> => {
    const path = normalize(join(root, file));
    if (!path.startsWith(root + sep) && path !== root) throw new HttpError(404, 'not here');
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      throw new HttpError(404, `${file} is not here`);
    }
    res.writeHead(200, {
      'Content-Type': types[extname(path)] ?? 'application/octet-stream',
      'Content-Length': bytes.length,
      'Content-Security-Policy': servedCsp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': file === 'index.html' ? 'no-cache' : 'max-age=3600',
    });
    res.end(bytes);
  };
  return [
    {
      method: 'GET',
      match: (path) => path === '/' || path === '/index.html',
      handle: (_req, res) => serve(res, 'index.html'),
    },
    {
      method: 'GET',
      match: (path) => {
        const m = /^\/((?:assets\/)?[A-Za-z0-9._-]+)$/.exec(path);
        return m && !m[1]!.startsWith('.') ? { file: m[1]! } : false;
      },
      handle: (_req, res, { params }) => serve(res, params.file!),
    },
  ];
};

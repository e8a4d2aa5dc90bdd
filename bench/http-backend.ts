/**
 * The git CLI's own smart-HTTP server, `git http-backend`, behind a loopback `node:http` server:
 * the baseline the sync and clone benchmarks hold `steward serve` to. Each request runs one
 * `git http-backend` as a CGI script, its body piped to stdin and its output streamed back once
 * the CGI header block ("Status:", "Content-Type:", …) is parsed. Pushes are let in
 * (`http.receivepack`), which git otherwise allows only to an authenticated user.
 *
 * Serves one repo (work tree or bare) at the root of its URL: `git clone URL dest`.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitEnv } from './lib';

export type HttpBackend = { url: string; close: () => Promise<void> };

const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_END_LF = Buffer.from('\n\n');

/** Where the CGI header block ends in `data`, and where the body starts, if it is all there. */
const headerEnd = (data: Buffer): { end: number; body: number } | undefined => {
  const crlf = data.indexOf(HEADER_END);
  const lf = data.indexOf(HEADER_END_LF);
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, body: crlf + 4 };
  if (lf >= 0) return { end: lf, body: lf + 2 };
  return undefined;
};

/** The CGI header block as an HTTP status and headers; "Status:" is not sent on as a header. */
const parseHeaders = (block: string) => {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  return { status, headers };
};

const header = (req: IncomingMessage, name: string): string => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
};

const handle = (
  projectRoot: string,
  base: NodeJS.ProcessEnv,
  req: IncomingMessage,
  res: ServerResponse,
): void => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const length = req.headers['content-length'];
  const env: NodeJS.ProcessEnv = {
    ...base,
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: header(req, 'content-type'),
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    HTTP_CONTENT_ENCODING: header(req, 'content-encoding'),
    // Without it git falls back to protocol v0, and the baseline would not be today's git.
    GIT_PROTOCOL: header(req, 'git-protocol'),
    // A chunked request has no length: http-backend then reads its stdin to the end.
    ...(length === undefined ? {} : { CONTENT_LENGTH: length }),
  };
  const cgi = spawn('git', ['-c', 'http.receivepack=true', 'http-backend'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: Buffer[] = [];
  cgi.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const fail = (error: Error): void => {
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`git http-backend: ${error.message}\n`);
    } else res.destroy(error);
  };
  cgi.on('error', fail);
  // A client that hangs up (or a CGI that exits before reading it all) is not this server's error.
  cgi.stdin.on('error', () => req.resume());
  req.pipe(cgi.stdin);
  res.on('close', () => {
    if (cgi.exitCode === null && !res.writableFinished) cgi.kill();
  });

  let head: Buffer | undefined = Buffer.alloc(0);
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (head === undefined) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const at = headerEnd(head);
    if (!at) return;
    const { status, headers } = parseHeaders(head.subarray(0, at.end).toString('latin1'));
    res.writeHead(status, headers);
    const body = head.subarray(at.body);
    head = undefined;
    if (body.length > 0) res.write(body);
  });
  cgi.on('close', (code, signal) => {
    if (head !== undefined) {
      const why = Buffer.concat(stderr).toString('utf8').trim();
      fail(new Error(`exited (${code ?? signal}) before its headers${why ? `: ${why}` : ''}`));
      return;
    }
    if (code !== 0) {
      process.stderr.write(
        `[bench] git http-backend ${env.PATH_INFO}: exit ${code ?? signal}: ${Buffer.concat(stderr).toString('utf8')}\n`,
      );
    }
    res.end();
  });
};

/**
 * Serves `projectRoot` on 127.0.0.1 at a free port until `close`, running git in `env` (default:
 * git without the machine's config). The tests use it too, as their git server.
 */
export const startHttpBackend = async (
  projectRoot: string,
  env: NodeJS.ProcessEnv = gitEnv(),
): Promise<HttpBackend> => {
  const server = createServer((req, res) => handle(projectRoot, env, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

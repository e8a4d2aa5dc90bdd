/**
 * The git CLI's own smart-HTTP server, `git http-backend`, run as a CGI script behind a loopback
 * `node:http` server: what a forge or a plain git host looks like to `steward sync URL`. Each
 * request starts one `git http-backend` with the CGI variables, its body on stdin; the CGI header
 * block it prints ("Status:", "Content-Type:", …) becomes the HTTP response's status and headers.
 * Serves the repo at `root` at the root of its URL; pushes are let in (`http.receivepack`).
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GitHttpBackend = { url: string; close: () => Promise<void> };

const splitHead = (data: Buffer): { head: string; body: Buffer } | undefined => {
  for (const sep of ['\r\n\r\n', '\n\n']) {
    const at = data.indexOf(sep);
    if (at >= 0)
      return { head: data.toString('latin1', 0, at), body: data.subarray(at + sep.length) };
  }
  return undefined;
};

const answer = (
  root: string,
  env: NodeJS.ProcessEnv,
  req: IncomingMessage,
  res: ServerResponse,
): void => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const header = (name: string): string => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const cgi = spawn('git', ['-c', 'http.receivepack=true', 'http-backend'], {
    env: {
      ...env,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: header('content-type'),
      HTTP_CONTENT_ENCODING: header('content-encoding'),
      GIT_PROTOCOL: header('git-protocol'),
      REMOTE_ADDR: '127.0.0.1',
      ...(req.headers['content-length'] ? { CONTENT_LENGTH: header('content-length') } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: Buffer[] = [];
  cgi.stderr.on('data', (c: Buffer) => stderr.push(c));
  // A client that hangs up is not this server's error.
  cgi.stdin.on('error', () => req.resume());
  req.pipe(cgi.stdin);
  let pending: Buffer | undefined = Buffer.alloc(0);
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (pending === undefined) {
      res.write(chunk);
      return;
    }
    pending = Buffer.concat([pending, chunk]);
    const split = splitHead(pending);
    if (!split) return;
    pending = undefined;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of split.head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    if (split.body.length > 0) res.write(split.body);
  });
  cgi.on('close', (code) => {
    if (pending !== undefined) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`git http-backend exited (${code}): ${Buffer.concat(stderr).toString('utf8')}`);
    } else res.end();
  });
};

/** Serves the repo at `root` (bare or not) with `git http-backend`, on 127.0.0.1. */
export const startGitHttpBackend = async (
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<GitHttpBackend> => {
  const server = createServer((req, res) => answer(root, env, req, res));
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

/**
 * An HTTP proxy in front of a git server that passes every request through unchanged, except the
 * responses `cut` picks: of those it sends the status, the headers and the first bytes of the
 * body, then destroys the socket, as a server that crashes or a network that drops mid-transfer.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Proxy = {
  url: string;
  /** The responses cut so far: path, bytes sent of bytes the server gave. */
  cuts: { path: string; sent: number; total: number }[];
  close: () => Promise<void>;
};

/** How many body bytes of a response to send before dropping the connection; undefined: all. */
export type Cut = (req: { method: string; path: string }, total: number) => number | undefined;

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export const startCuttingProxy = async (upstream: string, cut: Cut): Promise<Proxy> => {
  const target = new URL(upstream);
  const cuts: Proxy['cuts'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const path = req.url ?? '/';
      const headers = { ...req.headers, host: target.host };
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            // The proxy's URL has the server's path: requests keep theirs.
            path,
            headers,
          },
          resolve,
        );
        out.once('error', reject);
        out.end(body);
      });
      const data = await readAll(answer);
      const keep = cut({ method: req.method ?? 'GET', path }, data.length);
      const passed = Object.fromEntries(
        Object.entries(answer.headers).filter(
          ([name]) => name !== 'content-length' && name !== 'transfer-encoding',
        ),
      );
      if (keep === undefined) {
        res.writeHead(answer.statusCode ?? 502, { ...passed, 'content-length': data.length });
        res.end(data);
        return;
      }
      cuts.push({ path, sent: keep, total: data.length });
      // Chunked, so the client cannot tell the body is short until the connection drops.
      res.writeHead(answer.statusCode ?? 502, passed);
      res.flushHeaders();
      const drop = (): void => void res.socket?.destroy();
      if (keep > 0) res.write(data.subarray(0, keep), () => setTimeout(drop, 20));
      else setTimeout(drop, 20);
    })().catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    cuts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

/**
 * An HTTP proxy in front of a server that passes every request through, keeping the Host header
 * the client dialled (so the server's links point back through the proxy), except the responses
 * `hold` picks: of those it sends the status, the headers and the first half of the body, then
 * waits for `release()` before the rest, as a slow link whose transfer can be looked at midway.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HoldingProxy = {
  url: string;
  /** Responses sent halfway and waiting now. */
  held: () => number;
  /** Sends the rest of every held response, and of those held from now on. */
  release: () => void;
  close: () => Promise<void>;
};

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export const startHoldingProxy = async (
  upstream: string,
  hold: (req: { method: string; path: string }) => boolean,
): Promise<HoldingProxy> => {
  const target = new URL(upstream);
  let waiting = 0;
  let released = false;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const path = req.url ?? '/';
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path,
            headers: req.headers,
          },
          resolve,
        );
        out.once('error', reject);
        out.end(body);
      });
      const data = await readAll(answer);
      const headers = Object.fromEntries(
        Object.entries(answer.headers).filter(
          ([name]) => name !== 'content-length' && name !== 'transfer-encoding',
        ),
      );
      res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': data.length });
      if (released || !hold({ method: req.method ?? 'GET', path })) {
        res.end(data);
        return;
      }
      const half = Math.floor(data.length / 2);
      res.write(data.subarray(0, half));
      waiting++;
      await gate;
      waiting--;
      res.end(data.subarray(half));
    })().catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => waiting,
    release: () => {
      released = true;
      open();
    },
    close: () =>
      new Promise<void>((resolve) => {
        open();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/**
 * How long a request may take to arrive. Node's own `requestTimeout` (300 s by default) cuts any
 * request whose body is still arriving after it, however steadily it moves: a model file pushed
 * over a slow network to Git LFS's PUT would be cut at five minutes. So the server turns it off and
 * keeps the same deadline here for every request but the transfers of large objects; those are cut
 * instead when their connection has been idle (nothing read or written) for `idleMs`, so a client
 * that holds a connection open by sending nothing is still cut off. Headers keep Node's own
 * `headersTimeout`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Timeouts = {
  /** A request's body must have arrived this long after its start (Node's former default). */
  requestMs: number;
  /** A transfer's connection is cut once idle this long. */
  idleMs: number;
};

export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 300_000, idleMs: 60_000 };

export type RequestClock = {
  /** The request is a transfer: no deadline for the whole of it, a cut when idle instead. */
  transfer: () => void;
};

/** Starts the whole-request deadline of `req`, as Node's would: a 408 if it can still be said. */
export const startRequestClock = (
  req: IncomingMessage,
  res: ServerResponse,
  { requestMs, idleMs }: Timeouts,
): RequestClock => {
  const socket = req.socket;
  const deadline = setTimeout(() => {
    if (req.complete) return;
    if (res.headersSent) {
      socket.destroy();
      return;
    }
    const body = 'the request took too long to arrive\n';
    res.writeHead(408, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    });
    res.end(body, () => socket.destroy());
  }, requestMs);
  deadline.unref();
  const stop = (): void => clearTimeout(deadline);
  req.once('end', stop);
  res.once('close', stop);
  return {
    transfer: () => {
      stop();
      const cut = (): void => void socket.destroy();
      socket.setTimeout(idleMs, cut);
      // A kept-alive connection serves other requests next, with their own clock; Node may have
      // set its keep-alive timeout on the socket by now, which is left alone.
      res.once('close', () => {
        socket.off('timeout', cut);
        if (socket.timeout === idleMs) socket.setTimeout(0);
      });
    },
  };
};

/**
 * The hashing writer of a large download, on a worker thread: the main thread only receives the
 * bytes and hands them over, the worker hashes and writes them, so the SHA-256 runs beside the
 * transfer instead of after each chunk of it (on the same thread, hashing cost a quarter of the
 * rate). The worker's source is inline, so the bundled command line and the app need no extra
 * file. It hashes a resumed partial's first bytes itself, from disk, before taking new ones.
 * At most LIMIT bytes wait for it: a transfer faster than the disk is slowed, not buffered.
 */
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';

const LIMIT = 16 * 1024 * 1024;

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const hash = createHash('sha256');
let fd;
const fail = (error) => parentPort.postMessage({ error: String(error && error.message || error) });
try {
  const { path, offset } = workerData;
  if (offset > 0) {
    const read = fs.openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let at = 0;
    while (at < offset) {
      const n = fs.readSync(read, buffer, 0, Math.min(buffer.length, offset - at), at);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      at += n;
    }
    fs.closeSync(read);
    if (at !== offset) throw new Error('the partial download changed on disk');
  }
  fd = fs.openSync(path, offset > 0 ? 'a' : 'w');
} catch (error) {
  fail(error);
}
parentPort.on('message', (m) => {
  try {
    if (m === 'end' || m === 'close') {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
      parentPort.postMessage(m === 'end' ? { digest: hash.digest('hex') } : { closed: true });
      return;
    }
    if (fd === undefined) return;
    hash.update(m);
    for (let at = 0; at < m.length; ) at += fs.writeSync(fd, m, at, m.length - at);
    parentPort.postMessage(m.length);
  } catch (error) {
    fail(error);
  }
});
`;

type Reply = number | { digest: string } | { closed: true } | { error: string };

export const workerSink = (options: {
  path: string;
  /** Bytes of the partial already on disk, to hash before the new ones. */
  offset: number;
  /** Counts and checks a chunk before it goes: an error refuses it. */
  take: (chunk: Buffer) => Error | undefined;
  onDigest: (digest: string) => void;
}): { sink: Writable; settled: Promise<void> } => {
  let worker: Worker | undefined;
  let inflight = 0;
  let waiting: ((error?: Error | null) => void) | undefined;
  let ending: ((error?: Error | null) => void) | undefined;
  let closing: (() => void) | undefined;
  let failed: Error | undefined;
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const stop = (): void => {
    void worker?.terminate().finally(settle);
    worker = undefined;
  };
  const onReply = (reply: Reply): void => {
    if (typeof reply === 'number') {
      inflight -= reply;
      if (waiting && inflight < LIMIT) {
        const next = waiting;
        waiting = undefined;
        next();
      }
    } else if ('digest' in reply) {
      options.onDigest(reply.digest);
      stop();
      ending?.();
    } else if ('closed' in reply) {
      closing?.();
    } else {
      failed = new Error(`writing the download failed: ${reply.error}`);
      const next = waiting ?? ending;
      waiting = undefined;
      ending = undefined;
      next?.(failed);
      sink.destroy(failed);
    }
  };
  const sink = new Writable({
    highWaterMark: 4 << 20,
    construct: (done) => {
      worker = new Worker(SOURCE, {
        eval: true,
        workerData: { path: options.path, offset: options.offset },
      });
      let online = false;
      worker.on('message', onReply);
      worker.once('error', (error) => {
        if (online) sink.destroy(error);
        else done(error);
      });
      worker.once('exit', () => {
        worker = undefined;
        settle();
        closing?.();
      });
      worker.once('online', () => {
        online = true;
        done();
      });
    },
    write: (chunk: Buffer, _encoding, done) => {
      if (failed || !worker) return done(failed ?? new Error('the hashing writer stopped'));
      const refused = options.take(chunk);
      if (refused) return done(refused);
      inflight += chunk.length;
      worker.postMessage(chunk);
      if (inflight < LIMIT) done();
      else waiting = done;
    },
    final: (done) => {
      ending = done;
      worker!.postMessage('end');
    },
    destroy: (error, done) => {
      if (!worker) {
        settle();
        return done(error);
      }
      // Everything handed over is written before the file closes: the partial on disk is then
      // exactly the bytes counted, ready for the next attempt to resume.
      closing = () => {
        closing = undefined;
        stop();
        done(error);
      };
      worker.postMessage('close');
    },
  });
  return { sink, settled };
};

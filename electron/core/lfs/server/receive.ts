/**
 * An uploaded object, kept only if it is what its oid says: the body is streamed to a temporary
 * file in the model store while it is hashed, and renamed to its blob path only once its length is
 * the expected one and its SHA-256 the oid. A wrong hash, a short or long body, or a connection
 * that breaks leave nothing behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ModelStore } from '../../models/store';
import { HttpError } from '../../server/http';

export type Received = { bytes: number };

/** Stops a body at `expected` bytes: one byte more and the upload is refused. */
class Counted extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;

  constructor(private readonly expected: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (e?: Error) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected) {
      done(new HttpError(422, `the body is longer than the ${this.expected} bytes expected`));
      return;
    }
    this.hash.update(chunk);
    this.push(chunk);
    done();
  }
}

export const receiveObject = async (
  req: IncomingMessage,
  store: ModelStore,
  oid: string,
  expected: number,
): Promise<Received> => {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) !== expected)
    throw new HttpError(
      422,
      `the body's Content-Length (${declared}) is not the object's size (${expected} bytes)`,
    );
  const target = store.blobPath(oid);
  const tmpDir = join(store.root, 'blobs', 'tmp');
  await mkdir(tmpDir, { recursive: true });
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(tmpDir, `lfs-${process.pid}-${randomBytes(6).toString('hex')}`);
  const counted = new Counted(expected);
  try {
    try {
      await pipeline(req, counted, createWriteStream(tmp));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      // The client went away, or the disk failed: either way the object did not arrive.
      throw new HttpError(400, 'the upload broke off before its end');
    }
    if (!req.complete) throw new HttpError(400, 'the upload broke off before its end');
    if (counted.bytes !== expected)
      throw new HttpError(422, `got ${counted.bytes} of the ${expected} bytes expected`);
    const sha256 = counted.hash.digest('hex');
    if (sha256 !== oid)
      throw new HttpError(422, `the body's SHA-256 is ${sha256}, not the object's id`);
    await rename(tmp, target);
    return { bytes: counted.bytes };
  } finally {
    await rm(tmp, { force: true });
  }
};

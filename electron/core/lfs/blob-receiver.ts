/**
 * Where one incoming file goes while it arrives: `blobs/partial/<oid>` in the model store, hashed
 * as it is written. It becomes the blob `blobs/sha256/<oid>` only once its length and its SHA-256
 * are the ones expected, so the store never holds a blob whose bytes are not its name. A partial
 * left by a dropped connection is picked up by the next attempt: its bytes are hashed again from
 * disk (local reading, no network) and the transfer asks only for the rest.
 */
import { createHash, type Hash } from 'node:crypto';
import { close, createReadStream, open as openCallback, writev } from 'node:fs';
import { mkdir, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import type { ModelStore } from '../models/store';
import { Refused } from './refusal';
import { workerSink } from './worker-sink';
import { sizeIfExists } from '../fs-exists';

const open = promisify(openCallback);

/** From this size on, hashing and writing run on a worker thread (worker-sink.ts). */
export const WORKER_FROM = 8 * 1024 * 1024;

export class BlobReceiver {
  private hash: Hash = createHash('sha256');
  private received = 0;
  /** The worker's digest, when a worker hashed the file. */
  private digest: string | undefined;
  private settling: Promise<void> = Promise.resolve();
  readonly path: string;

  private constructor(
    readonly store: ModelStore,
    readonly oid: string,
    /** The file's length, when known: more is refused as it arrives, less at the end. */
    public expected: number | undefined,
  ) {
    this.path = store.partialPath(oid);
  }

  /** Opens the partial for `oid`, resuming what an earlier attempt left, unless it cannot be. */
  static async open(
    store: ModelStore,
    oid: string,
    expected: number | undefined,
  ): Promise<BlobReceiver> {
    const r = new BlobReceiver(store, oid, expected);
    await mkdir(dirname(r.path), { recursive: true });
    const kept = await sizeIfExists(r.path);
    if (kept !== undefined && kept > 0 && (expected === undefined || kept < expected)) {
      // A worker hashes these bytes itself, on its own thread.
      if (!r.onWorker)
        for await (const chunk of createReadStream(r.path, { highWaterMark: 1 << 20 }))
          r.hash.update(chunk as Buffer);
      r.received = kept;
    } else if (kept !== undefined) {
      // Empty, or as long as the whole file yet never landed: nothing worth resuming.
      await rm(r.path, { force: true });
    }
    return r;
  }

  private get onWorker(): boolean {
    return this.expected !== undefined && this.expected >= WORKER_FROM;
  }

  /** Resolves once the file is closed and every byte handed over is on disk. */
  settled(): Promise<void> {
    return this.settling;
  }

  /** Bytes already here: where the transfer starts. */
  get offset(): number {
    return this.received;
  }

  /** Starts over from byte 0 (a server that ignored the range asked for). */
  async restart(): Promise<void> {
    await truncate(this.path, 0).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.hash = createHash('sha256');
    this.received = 0;
  }

  /**
   * Where the bytes go: one stage that hashes each chunk and writes the chunks buffered meanwhile
   * in one `writev`, so a fast transfer costs few system calls and no extra stream hop. A byte
   * beyond the expected length is refused at once, so a server cannot stream on and on.
   */
  sink(onBytes: (n: number) => void): Writable {
    let fd: number | undefined;
    const take = (chunk: Buffer, hash = true): Error | undefined => {
      if (this.expected !== undefined && this.received + chunk.length > this.expected)
        return new Refused(`sent more than the ${this.expected} bytes the file has`);
      if (hash) this.hash.update(chunk);
      this.received += chunk.length;
      onBytes(chunk.length);
      return undefined;
    };
    if (this.onWorker) {
      const { sink, settled } = workerSink({
        path: this.path,
        offset: this.received,
        take: (chunk) => take(chunk, false),
        onDigest: (digest) => {
          this.digest = digest;
        },
      });
      this.settling = settled;
      return sink;
    }
    return new Writable({
      highWaterMark: 4 << 20,
      construct: (done) => {
        open(this.path, this.received > 0 ? 'a' : 'w').then((handle) => {
          fd = handle;
          done();
        }, done);
      },
      writev: (chunks, done) => {
        const buffers = chunks.map((c) => c.chunk as Buffer);
        for (const b of buffers) {
          const refused = take(b);
          if (refused) return done(refused);
        }
        writev(fd!, buffers, (error) => done(error));
      },
      final: (done) => {
        const handle = fd;
        fd = undefined;
        if (handle === undefined) return done();
        close(handle, done);
      },
      destroy: (error, done) => {
        const handle = fd;
        fd = undefined;
        if (handle === undefined) return done(error);
        close(handle, () => done(error));
      },
    });
  }

  /** Checks length and hash, then lands the blob; refuses (and deletes) bytes that do not match. */
  async complete(): Promise<number> {
    const size = this.received;
    if (this.expected !== undefined && size !== this.expected) {
      await this.discard();
      throw new Refused(`sent ${size} bytes where the file has ${this.expected}`);
    }
    const actual = this.onWorker ? this.digest : this.hash.digest('hex');
    if (actual === undefined) {
      await this.discard();
      throw new Refused('sent bytes that were never all hashed');
    }
    if (actual !== this.oid) {
      await this.discard();
      throw new Refused(`sent bytes whose SHA-256 is ${actual.slice(0, 12)}…, not the file's`);
    }
    const blob = this.store.blobPath(this.oid);
    await mkdir(dirname(blob), { recursive: true });
    // The partial must be the bytes just hashed: a fetch that lost it (or a file shorter than what
    // arrived) must not land an empty or torn file over a good blob.
    const onDisk = await sizeIfExists(this.path);
    if (onDisk === undefined && this.expected === 0) await writeFile(this.path, '');
    else if (onDisk !== size) {
      await this.discard();
      throw new Refused(
        `sent ${size} bytes, yet the partial file holds ${onDisk ?? 'none'}: not landed`,
      );
    }
    await rename(this.path, blob);
    return size;
  }

  /** Deletes whatever partial `oid` has: a fetch that was stopped keeps none. */
  static async discardFor(store: ModelStore, oid: string): Promise<void> {
    await rm(store.partialPath(oid), { force: true });
  }

  /** Deletes the partial: refused bytes, or a fetch that was stopped. */
  async discard(): Promise<void> {
    await this.settling;
    await rm(this.path, { force: true });
  }
}

/**
 * One file from one source, under the oid's lock (oid-lock.ts): retried while the connection
 * drops, refused by name when the bytes cannot be the file. A resumed partial that fails is
 * deleted and the source asked once more from byte 0: the bad bytes may be another source's. A fetch that waited for another
 * writer of the same oid looks again first: the file may have landed meanwhile, and is then
 * `present`, not fetched a second time.
 */
import { stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { ModelStore } from '../models/store';
import { BlobReceiver } from './blob-receiver';
import { lockOid } from './oid-lock';
import { roomFor } from './partials';
import type { Meter } from './rate';
import { Dropped, Refused } from './refusal';
import type { FetchedFile, LfsSource, Refusal } from './types';

/** Tries of one file over a connection that keeps dropping, before going on to the next source. */
const RETRIES = 2;

/** Moves one file's bytes into the receiver; throws Refused or Dropped. */
export type Move = (receiver: BlobReceiver, onBytes: (n: number) => void) => Promise<void>;

/** What one fetch shares between its attempts. */
export type Run = {
  store: ModelStore;
  signal: AbortSignal | undefined;
  files: FetchedFile[];
  refused: Refusal[];
  progress: Meter;
  /** Oids whose partial this fetch wrote or resumed: deleted on a stop. */
  touched: Set<string>;
  /** Oids another process is fetching: not tried again by this fetch. */
  busy: Set<string>;
  /** Throws the stop; `holding` is the oid whose lock the caller holds. */
  stopped: (holding?: string) => Promise<never>;
};

const landed = (path: string): Promise<number | undefined> =>
  stat(path).then(
    (s) => (s.isFile() ? s.size : undefined),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );

/** True once the file is here (fetched by this attempt or, meanwhile, by another writer). */
export const attempt = async (
  run: Run,
  file: FetchedFile,
  source: LfsSource,
  size: number | undefined,
  move: Move,
): Promise<boolean> => {
  const { store, signal, progress } = run;
  const refuse = (reason: string): false => {
    run.refused.push({
      source: source.name,
      path: file.path,
      sha256: file.sha256,
      reason: `${source.name} ${reason}`,
    });
    return false;
  };
  const mark = (status: 'fetched' | 'present', from: string | null, bytes: number) => {
    for (const f of run.files)
      if (f.sha256 === file.sha256 && f.status === 'missing')
        Object.assign(f, { status, source: from, size: f.size ?? bytes });
  };
  const lock = await lockOid(store, file.sha256, signal ? { signal } : {});
  if (signal?.aborted) {
    await lock?.release();
    return run.stopped();
  }
  if (!lock) {
    const here = await landed(store.blobPath(file.sha256));
    if (here !== undefined) {
      mark('present', null, here);
      return true;
    }
    run.busy.add(file.sha256);
    return refuse('was not asked: another process on this computer is fetching this file');
  }
  try {
    const here = await landed(store.blobPath(file.sha256));
    if (here !== undefined) {
      // Another fetch in this process landed it while this one waited.
      mark('present', null, here);
      return true;
    }
    // A file the record gives no size for: its size is the source's word, so nothing of a drop
    // is kept (a liar could otherwise keep a partial growing for ever), and it must fit the disk.
    const sized = file.size !== null;
    if (!sized) {
      await BlobReceiver.discardFor(store, file.sha256);
      const room = await roomFor(store);
      if (size !== undefined && size > room)
        return refuse(
          `claims ${size} bytes, more than the store's disk has room for (${room} bytes free beyond a margin)`,
        );
    }
    let fromZero = false;
    for (let n = 0; ; n++) {
      if (signal?.aborted) return await run.stopped(file.sha256);
      run.touched.add(file.sha256);
      const receiver = await BlobReceiver.open(store, file.sha256, size);
      const resumed = receiver.offset > 0;
      const start = progress.bytes;
      try {
        await move(receiver, (b) => progress.add(b, file.path, source.name));
        await receiver.complete();
        mark('fetched', source.name, size ?? receiver.offset);
        progress.flush(file.path, source.name);
        return true;
      } catch (error) {
        await receiver.settled();
        if (signal?.aborted) return await run.stopped(file.sha256);
        if (error instanceof Refused) {
          await receiver.discard();
          // The bytes it sent came over the wire all the same: the total grows by them.
          progress.grow(progress.bytes - start);
          // The kept bytes may be what was wrong (another source's, sent before it dropped):
          // this source gets one more try, from byte 0, before it is refused.
          if (resumed && !fromZero) {
            fromZero = true;
            continue;
          }
          return refuse(
            fromZero ? `${error.reason} (from byte 0, after a kept partial failed)` : error.reason,
          );
        }
        if (error instanceof Dropped && !sized) await receiver.discard();
        if (error instanceof Dropped && n < RETRIES) {
          // A moment for a server that restarts, or a network that comes back.
          await delay(250 * (n + 1));
          continue;
        }
        if (error instanceof Dropped)
          return refuse(
            `${error.reason} (${RETRIES + 1} tries; ${sized ? 'what arrived is kept to resume' : 'nothing kept: the record gives no size'})`,
          );
        throw error;
      }
    }
  } finally {
    await lock.release();
  }
};

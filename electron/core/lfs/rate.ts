/**
 * A transfer's rate over the last few seconds, for a progress bar's "MB/s" and "time left", and
 * a throttle so that a fast transfer reports ten times a second rather than once per chunk.
 */
import type { TransferProgress } from './types';

const WINDOW_MS = 3000;
const EVERY_MS = 100;

export type Meter = {
  /** Counts `n` more bytes of `path` from `source`; reports at most every 100 ms. */
  add: (n: number, path: string, source: string) => void;
  /** More bytes to move than first thought (a size learnt from a server, bytes refused). */
  grow: (n: number) => void;
  /** Reports now, whatever the throttle says (a file finished). */
  flush: (path: string, source: string) => void;
  readonly bytes: number;
  readonly total: number;
};

export const meter = (
  total: number,
  onProgress?: (p: TransferProgress) => void,
  clock: () => number = () => performance.now(),
): Meter => {
  let bytes = 0;
  let last = -Infinity;
  const samples: { t: number; bytes: number }[] = [{ t: clock(), bytes: 0 }];
  const rate = (t: number): number => {
    while (samples.length > 1 && t - samples[0]!.t > WINDOW_MS) samples.shift();
    const first = samples[0]!;
    const seconds = (t - first.t) / 1000;
    return seconds > 0.05 ? (bytes - first.bytes) / seconds : 0;
  };
  const report = (t: number, path: string, source: string): void => {
    last = t;
    samples.push({ t, bytes });
    onProgress?.({ path, source, bytes, total, rate: rate(t) });
  };
  return {
    add: (n, path, source) => {
      bytes += n;
      if (!onProgress) return;
      const t = clock();
      if (t - last >= EVERY_MS) report(t, path, source);
    },
    grow: (n) => {
      total += n;
    },
    flush: (path, source) => {
      if (onProgress) report(clock(), path, source);
    },
    get bytes() {
      return bytes;
    },
    get total() {
      return total;
    },
  };
};

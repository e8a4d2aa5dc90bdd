/**
 * A bar for moving a model's files (fetch, push, export) on stderr, on a terminal only and never
 * with --json: megabytes moved of those to move, the rate over the last seconds, and the time
 * left at that rate.
 */
import cliProgress from 'cli-progress';
import type { TransferProgress } from '../core/lfs/types';
import { mb } from './progress';

/** "42 s", "3 min", "1 h 5 min": how long `bytes` take at `rate` bytes per second. */
export const timeLeft = (bytes: number, rate: number): string => {
  if (rate <= 0 || bytes <= 0) return bytes <= 0 ? '0 s' : '…';
  const s = Math.ceil(bytes / rate);
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 90 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
};

export const transferProgress = (
  json: boolean,
  verb: string,
): { onProgress?: (p: TransferProgress) => void; done: () => void } => {
  if (json || !process.stderr.isTTY) return { done: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${verb} {bar} {value}/{total} MB · {speed} MB/s · {left} left · {file}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let shown = false;
  return {
    onProgress: (p) => {
      const values = {
        speed: mb(p.rate),
        left: timeLeft(p.total - p.bytes, p.rate),
        file: `${p.path} from ${p.source}`,
      };
      if (!shown) bar.start(Number(mb(p.total)), 0, values);
      shown = true;
      bar.setTotal(Number(mb(Math.max(p.total, p.bytes))));
      bar.update(Number(mb(p.bytes)), values);
    },
    done: () => {
      if (shown) bar.stop();
    },
  };
};

/** A progress bar on stderr while a large ledger loads, shown only on a terminal and never with --json. */
import cliProgress from 'cli-progress';
import type { LoadProgress } from '../core/ledger/ledger';
import type { ImportProgress } from '../core/models/store';
import type { SyncProgress } from '../core/sync/routes';

/** Returns a progress callback and a function that clears the bar; both no-ops off a terminal. */
export const loadProgress = (
  json: boolean,
): { onProgress?: (p: LoadProgress) => void; done: () => void } => {
  if (json || !process.stderr.isTTY) return { done: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  const started = Date.now();
  return {
    onProgress: (p) => {
      // Small ledgers load in a blink: show nothing for the first half second.
      if (Date.now() - started < 500 || p.phase !== 'check' || p.total === undefined) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: 'verifying {bar} {value}/{total} statements',
            stream: process.stderr,
            clearOnComplete: true,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done);
      }
      // Files are still being read while the first are checked: the total grows until then.
      bar.setTotal(p.total);
      bar.update(p.done);
    },
    done: () => bar?.stop(),
  };
};

const phases: Record<string, string> = {
  unpack: 'unpacking',
  check: 'checking',
  merge: 'merging',
  write: 'writing',
  push: 'pushing',
  verify: 'verifying what came in',
};

/**
 * Progress of a sync on stderr: the transfer's own phases (objects counted, received, bytes) as
 * the remote reports them, then Steward's. One line rewritten in place, on a terminal only.
 */
export const syncProgress = (
  json: boolean,
): { onProgress?: (p: SyncProgress) => void; done: () => void } => {
  if (json || !process.stderr.isTTY) return { done: () => undefined };
  let shown = false;
  let last = 0;
  return {
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const done = 'loaded' in p ? p.loaded : p.done;
      const label = phases[p.phase] ?? p.phase;
      const text =
        p.phase === 'receiving' || p.phase === 'sending'
          ? `${(done / 1048576).toFixed(1)} MB`
          : `${done}${p.total ? `/${p.total}` : ''}`;
      process.stderr.write(`\r\x1b[K${label} ${text}`);
      shown = true;
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
};

export const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

/** A bar of megabytes and MB/s on stderr, on a terminal only. */
export const bytesProgress = (json: boolean, verb = 'importing') => {
  if (json || !process.stderr.isTTY) return { onProgress: undefined, done: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${verb} {bar} {value}/{total} MB · {speed} MB/s · {file}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let shown = false;
  return {
    onProgress: (p: ImportProgress) => {
      const speed = mb(p.bytes / Math.max(0.001, (Date.now() - started) / 1000));
      if (!shown) bar.start(Number(mb(p.total)), 0, { speed, file: p.file });
      shown = true;
      bar.update(Number(mb(p.bytes)), { speed, file: p.file });
    },
    done: () => {
      if (shown) bar.stop();
    },
  };
};

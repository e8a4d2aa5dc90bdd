/**
 * Hashing throughput of the model store against `openssl dgst -sha256` on the same file, measured
 * in the same run (goal: at least 0.9 of OpenSSL's speed; Node's crypto is the same OpenSSL).
 * Steward's figure is `ModelStore.rehash`, the streaming hash `model verify` runs on every file;
 * the import (hash while copying into the store) is reported beside it.
 *
 *   npx tsx bench/hash.ts OUT.json        STEWARD_BENCH_HASH_MB=1024 (file size), _SAMPLES=3
 */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ModelStore } from '../electron/core/models/store';
import { loadAverage, machine, progress, ratio, summarize } from './lib';

const MB = Number(process.env.STEWARD_BENCH_HASH_MB ?? 1024);
const SAMPLES = Number(process.env.STEWARD_BENCH_HASH_SAMPLES ?? 3);
const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx bench/hash.ts OUT.json');

const work = mkdtempSync(join(tmpdir(), 'steward-bench-hash-'));
const timed = async (work: () => unknown): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

try {
  const model = join(work, 'model');
  mkdirSync(join(model, 'onnx'), { recursive: true });
  writeFileSync(join(model, 'config.json'), '{}\n');
  const file = join(model, 'onnx', 'model.onnx');
  progress(`hash: writing a ${MB} MB file`);
  const fd = openSync(file, 'w');
  const chunk = randomBytes(1 << 20);
  for (let i = 0; i < MB; i++) writeSync(fd, chunk);
  closeSync(fd);

  const before = loadAverage();
  const store = new ModelStore(join(work, 'store'));
  const importMs = await timed(() => store.import(model, { now: new Date() }));
  const sha = execFileSync('openssl', ['dgst', '-sha256', '-r', file], { encoding: 'utf8' }).slice(
    0,
    64,
  );
  const openssl: number[] = [];
  const steward: number[] = [];
  // One warm-up of each (page cache), then alternating samples.
  for (let i = -1; i < SAMPLES; i++) {
    progress(`hash: sample ${i + 2}/${SAMPLES + 1}`);
    const o = await timed(() => execFileSync('openssl', ['dgst', '-sha256', file]));
    const s = await timed(async () => {
      if ((await store.rehash(sha)) !== sha)
        throw new Error('the store hashed another value than openssl');
    });
    if (i >= 0) {
      openssl.push(o);
      steward.push(s);
    }
  }
  const mbps = (ms: number): number => Math.round((MB / (ms / 1000)) * 10) / 10;
  const result = {
    name: 'hash',
    timestamp: new Date().toISOString(),
    machine: machine(),
    loadAverage: { before, after: loadAverage() },
    goal: 'Steward throughput >= 0.9 x openssl dgst -sha256 on the same file',
    fileMB: MB,
    openssl: { ...summarize(openssl), mbPerSecond: mbps(summarize(openssl).median) },
    steward: { ...summarize(steward), mbPerSecond: mbps(summarize(steward).median) },
    /** Steward's throughput as a share of OpenSSL's: 1 is as fast. */
    throughputRatio: ratio(summarize(openssl).median, summarize(steward).median),
    import: {
      ms: Math.round(importMs),
      mbPerSecond: mbps(importMs),
      note: 'hash while copying into the store',
    },
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(
    `hash: openssl ${result.openssl.mbPerSecond} MB/s, Steward ${result.steward.mbPerSecond} MB/s, ratio ${result.throughputRatio} (goal >= 0.9); import ${result.import.mbPerSecond} MB/s`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

// `npm run bench`: builds one fixture repo per size, then runs the load benchmark on the largest,
// the sync benchmark (sync.ts: sync and clone over loopback HTTP, against `git http-backend`) and
// the append benchmark on each, then model-store hashing against `openssl dgst` (hash.ts) and
// inference through Steward's worker against a bare onnxruntime-node session (inference.ts), and
// resource bombs refused against git reading the same objects (bombs.ts), strict signature
// checks against node:crypto alone (verify.ts) and the history walk that keeps every statement
// against the tip's tree walk (history.ts), every step in its own process (`npx tsx`), so none pays for
// another's heap. Results: bench/results/<name>-<timestamp>.json, and all of them in latest.json.
// The sync benchmark runs the built CLI: `npm run build:cli` first.
//
//   STEWARD_BENCH_SIZES=1000,10000   sizes of the append benchmark (default 1000,10000,100000);
//                                    the load benchmark runs on the largest
//   STEWARD_BENCH_APPEND_SAMPLES=30  STEWARD_BENCH_LOAD_RUNS=3       samples per benchmark
//   STEWARD_BENCH_SYNC_SAMPLES=5     STEWARD_BENCH_SYNC_BASE=1000    see bench/sync.ts, which
//                                                                    also runs on its own
//   STEWARD_BENCH_HASH_MB=1024       STEWARD_BENCH_HASH_SAMPLES=3    see bench/hash.ts
//   STEWARD_BENCH_INFER_SAMPLES=7    STEWARD_BENCH_INFER_WORDS=120,480  see bench/inference.ts
//   STEWARD_BENCH_BOMB_MB=1024                                       see bench/bombs.ts
//   STEWARD_BENCH_VERIFY_N=20000     STEWARD_BENCH_HISTORY_COMMITS=5000  see verify.ts, history.ts
//   STEWARD_BENCH_LFS_MB=1024 (0 skips it)  STEWARD_BENCH_LFS_SAMPLES=3  see bench/lfs.ts (model
//                                    files fetched from steward serve against curl)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const results = join(here, 'results');
const sizes = (process.env.STEWARD_BENCH_SIZES ?? '1000,10000,100000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 20)) {
  throw new Error('STEWARD_BENCH_SIZES must be a comma-separated list of integers >= 20');
}

/** @param {string} script @param {string[]} args */
const tsx = (script, ...args) => {
  const run = spawnSync('npx', ['tsx', join(here, script), ...args], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`${script} failed (exit ${run.status ?? run.signal})`);
};

const started = performance.now();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const work = mkdtempSync(join(tmpdir(), 'steward-bench-'));
/** @param {number} n */
const fixture = (n) => join(work, `n${n}`);
mkdirSync(results, { recursive: true });
try {
  for (const n of sizes) tsx('fixture.ts', String(n), fixture(n));
  const out = {
    load: join(results, `load-${stamp}.json`),
    append: join(results, `append-${stamp}.json`),
    sync: join(results, `sync-${stamp}.json`),
    hash: join(results, `hash-${stamp}.json`),
    inference: join(results, `inference-${stamp}.json`),
    ui: join(results, `ui-${stamp}.json`),
    bombs: join(results, `bombs-${stamp}.json`),
    verify: join(results, `verify-${stamp}.json`),
    history: join(results, `history-${stamp}.json`),
    lfs: join(results, `lfs-${stamp}.json`),
  };
  // Load and sync first, while the repos hold exactly their N statements; sync clones a 10k repo,
  // and builds its own unless there is one here.
  tsx('load.ts', fixture(sizes[sizes.length - 1]), out.load);
  tsx('sync.ts', out.sync, ...(sizes.includes(10_000) ? [fixture(10_000)] : []));
  tsx('append.ts', out.append, ...sizes.map(fixture));
  tsx('hash.ts', out.hash);
  tsx('inference.ts', out.inference);
  tsx('ui-latency.ts', out.ui);
  tsx('bombs.ts', out.bombs);
  tsx('verify.ts', out.verify);
  tsx('history.ts', process.env.STEWARD_BENCH_HISTORY_COMMITS ?? '5000', out.history);
  tsx('lfs.ts', out.lfs);
  const latest = Object.fromEntries(
    Object.entries(out).map(([name, file]) => [name, JSON.parse(readFileSync(file, 'utf8'))]),
  );
  writeFileSync(join(results, 'latest.json'), JSON.stringify({ stamp, ...latest }, null, 2) + '\n');
  const minutes = (performance.now() - started) / 60_000;
  console.log(`bench: done in ${minutes.toFixed(1)} min; results in ${results}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

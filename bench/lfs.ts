/**
 * Moving a model's weights between peers: `fetchVersion` of a version with one large file over
 * loopback from `steward serve` (batch API, then the object, hashed as it streams into the store)
 * against `curl` of the same bytes from a plain static HTTP server, in the same run (goal: at
 * least 0.8 of curl's rate). Then the cost of verification: Steward's download path (the basic
 * transfer's GET into the hashing receiver) against the same GET written to disk unhashed, both
 * from the static server (goal: hashing hidden behind the transfer, a ratio near 1).
 *
 *   npx tsx bench/lfs.ts OUT.json     STEWARD_BENCH_LFS_MB=1024 (file size; 0 skips the bench),
 *                                     STEWARD_BENCH_LFS_SAMPLES=3,
 *                                     STEWARD_BENCH_LFS_DIR=/dev/shm (where the files are written:
 *                                     a RAM disk keeps the disk's writeback, which throttles
 *                                     whichever writer is running when it starts, out of the
 *                                     comparison; default the system's temp folder)
 * Runs the built CLI (out/cli) to set the group up and to serve it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Ledger } from '../electron/core/ledger/ledger';
import { BlobReceiver } from '../electron/core/lfs/blob-receiver';
import { fetchVersion } from '../electron/core/lfs/fetch';
import { call } from '../electron/core/lfs/http-call';
import { downloadObject } from '../electron/core/lfs/http-object';
import { ModelStore } from '../electron/core/models/store';
import { loadAverage, machine, progress, ratio, summarize } from './lib';

const MB = Number(process.env.STEWARD_BENCH_LFS_MB ?? 1024);
const SAMPLES = Number(process.env.STEWARD_BENCH_LFS_SAMPLES ?? 3);
const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx bench/lfs.ts OUT.json');
const CLI = resolve(import.meta.dirname, '../out/cli/index.js');

if (MB === 0) {
  writeFileSync(out, JSON.stringify({ name: 'lfs', skipped: 'STEWARD_BENCH_LFS_MB=0' }) + '\n');
  process.exit(0);
}

const work = mkdtempSync(join(process.env.STEWARD_BENCH_LFS_DIR ?? tmpdir(), 'steward-bench-lfs-'));
const home = join(work, 'home');
const repo = join(work, 'group');
let minute = 0;
const steward = (...args: string[]): unknown => {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    STEWARD_HOME: home,
    STEWARD_PASSPHRASE: 'bench passphrase',
    STEWARD_NOW: new Date(Date.UTC(2026, 5, 1, 0, minute++)).toISOString(),
  };
  const r = spawnSync(process.execPath, [CLI, ...args, '--json'], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`steward ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
};
const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};
/** A child process that prints its URL on its first line. */
const startServer = async (args: string[]) => {
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', HOME: work, STEWARD_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((ok, fail) => {
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('\n')) ok(text.split('\n')[0]!);
    });
    child.once('exit', () => fail(new Error(`${args.join(' ')} exited`)));
  });
  return { child, url: (JSON.parse(line) as { url: string }).url };
};
const STATIC = `
const http = require('node:http'), fs = require('node:fs');
const file = process.argv[1], size = fs.statSync(file).size;
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size });
  fs.createReadStream(file).pipe(res);
});
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port + '/object' })));
`;

const children: { kill: () => boolean }[] = [];
try {
  progress(`lfs: writing a ${MB} MB model and registering it`);
  const model = join(work, 'model');
  mkdirSync(join(model, 'onnx'), { recursive: true });
  mkdirSync(repo);
  writeFileSync(join(model, 'config.json'), '{}\n');
  const file = join(model, 'onnx', 'model.onnx');
  const fd = openSync(file, 'w');
  const chunk = randomBytes(1 << 20);
  for (let i = 0; i < MB; i++) writeSync(fd, chunk);
  closeSync(fd);
  steward('identity', 'create', '--name', 'Alice');
  steward('init', repo, '--name', 'Bench', '--voting-period', '1h');
  const imported = steward(
    ...['model', 'import', model, '--model', 'big', '--version', '1', '--propose'],
    ...['--name', 'Big', '--license', 'MIT', '--owner', 'Alice=100'],
  ) as { files: { path: string; sha256: string; size: number }[]; proposal: { id: string } };
  steward('vote', imported.proposal.id, 'yes');
  steward('close', imported.proposal.id);
  const big = imported.files.find((f) => f.path === 'onnx/model.onnx')!;
  const store = new ModelStore(join(home, 'models'));

  const serve = await startServer([CLI, 'serve', '--json', '--repo', repo]);
  children.push(serve.child);
  const plain = await startServer(['-e', STATIC, store.blobPath(big.sha256)]);
  children.push(plain.child);
  const { state } = await (await Ledger.open(repo)).load(new Date());

  const before = loadAverage();
  const samples = {
    curl: [] as number[],
    fetch: [] as number[],
    raw: [] as number[],
    hashed: [] as number[],
  };
  const scratch = join(work, 'scratch');
  // One warm-up round (page cache, JIT), then the samples, alternating.
  for (let i = -1; i < SAMPLES; i++) {
    progress(`lfs: round ${i + 2}/${SAMPLES + 1}`);
    const c = await timed(() =>
      Promise.resolve(execFileSync('curl', ['-s', '-f', '-o', join(work, 'curl.out'), plain.url])),
    );
    rmSync(join(work, 'curl.out'));
    const into = new ModelStore(scratch);
    const f = await timed(async () => {
      const r = await fetchVersion({
        store: into,
        state,
        model: 'big',
        version: '1',
        sources: [{ kind: 'http', name: 'serve', url: `${serve.url}/info/lfs` }],
        auth: () => ({}),
        now: new Date(),
      });
      if (r.fetched !== imported.files.length)
        throw new Error('the fetch did not bring every file');
    });
    rmSync(scratch, { recursive: true, force: true });
    const r = await timed(async () => {
      const response = await call(plain.url, { method: 'GET' });
      await pipeline(
        response,
        createWriteStream(join(work, 'raw.out'), { highWaterMark: 1 << 20 }),
      );
    });
    rmSync(join(work, 'raw.out'));
    const h = await timed(async () => {
      const receiver = await BlobReceiver.open(new ModelStore(scratch), big.sha256, big.size);
      await downloadObject({ href: plain.url }, receiver, {
        authorization: undefined,
        onBytes: () => undefined,
      });
      await receiver.complete();
    });
    rmSync(scratch, { recursive: true, force: true });
    if (i >= 0) {
      samples.curl.push(c);
      samples.fetch.push(f);
      samples.raw.push(r);
      samples.hashed.push(h);
    }
  }
  const mbps = (ms: number): number => Math.round((MB / (ms / 1000)) * 10) / 10;
  const of = (s: number[]) => ({ ...summarize(s), mbPerSecond: mbps(summarize(s).median) });
  const result = {
    name: 'lfs',
    timestamp: new Date().toISOString(),
    machine: machine(),
    loadAverage: { before, after: loadAverage() },
    goal: "fetch from steward serve >= 0.8 x curl's rate from a static server; hashing hidden (hashed/raw near 1)",
    fileMB: MB,
    dir: process.env.STEWARD_BENCH_LFS_DIR ?? tmpdir(),
    curl: { ...of(samples.curl), note: 'curl -o FILE from a plain node:http static server' },
    fetch: {
      ...of(samples.fetch),
      note: 'fetchVersion from steward serve: batch, GET, SHA-256 as it streams, into the store',
    },
    /** Steward's fetch rate as a share of curl's: 1 is as fast. */
    fetchRatio: ratio(summarize(samples.curl).median, summarize(samples.fetch).median),
    raw: {
      ...of(samples.raw),
      note: "Steward's HTTP client, the static server's bytes to disk, unhashed",
    },
    hashed: {
      ...of(samples.hashed),
      note: 'the same GET through the hashing receiver, verified, landed',
    },
    /** Verified download's rate as a share of the unhashed one: 1 is hashing for free. */
    hashingRatio: ratio(summarize(samples.raw).median, summarize(samples.hashed).median),
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(
    `lfs: curl ${result.curl.mbPerSecond} MB/s, fetch from steward serve ${result.fetch.mbPerSecond} MB/s, ratio ${result.fetchRatio} (goal >= 0.8); unhashed ${result.raw.mbPerSecond} MB/s, hashed ${result.hashed.mbPerSecond} MB/s, ratio ${result.hashingRatio}`,
  );
} finally {
  for (const c of children) c.kill();
  rmSync(work, { recursive: true, force: true });
}

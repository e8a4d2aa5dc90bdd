/**
 * Sync and clone over loopback HTTP, Steward against the git CLI, measured in the same run:
 *
 *   sync   peer B fetches peer A's 1,000 new statements (one commit each; sync-fixture.ts).
 *          git: `git fetch URL main` + `git merge --no-edit FETCH_HEAD` from `git http-backend`;
 *          Steward: `steward sync URL` from A's `steward serve`. Each sample in a fresh `cp -a`
 *          of B. Goal: Steward's median at most 1.5 times git's.
 *   clone  `git clone --no-checkout URL dest` of a 10k-statement repo, from `git http-backend`
 *          and from `steward serve`: the same client, so only the server differs. Writing the 10k
 *          files is the client's work, the same for both, and takes some 3 s of disk time that
 *          varies by a second from one clone to the next, which would hide the servers' times.
 *
 * Samples alternate between the two, each going first every other time; one warm-up pair is
 * dropped. A Steward command that fails is reported in the JSON (`error`) and ends that part's
 * Steward samples; the git samples still run, and the benchmark still exits 0. Steward runs as the
 * built CLI (`npm run build:cli`); the JSON says whether that build is older than the sources.
 *
 *   npx tsx bench/sync.ts OUT.json [CLONE_DIR]    builds the peers (fixture.ts, sync-fixture.ts)
 *     in a temporary folder, and the 10k repo unless given CLONE_DIR, made by fixture.ts.
 *   STEWARD_BENCH_SYNC_BASE=1000     statements both peers hold before the sync
 *   STEWARD_BENCH_SYNC_NEW=1000      statements only peer A holds
 *   STEWARD_BENCH_SYNC_SAMPLES=5     samples of each figure
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startHttpBackend } from './http-backend';
import type { Peers } from './sync-fixture';
import {
  clean,
  cliBuild,
  git,
  gitEnv,
  loadAverage,
  machine,
  progress,
  ratio,
  readFixture,
  repoDir,
  summarize,
  type Check,
} from './lib';

const WARMUP = 1;
const SAMPLES = Number(process.env.STEWARD_BENCH_SYNC_SAMPLES ?? 5);
const BASE = Number(process.env.STEWARD_BENCH_SYNC_BASE ?? 1000);
const NEW = Number(process.env.STEWARD_BENCH_SYNC_NEW ?? 1000);
const CLONE = 10_000;
const GOAL = 1.5;
// A command still running, or a server still silent, after this long has hung: it is reported.
const TIMEOUT = 10 * 60_000;
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'bin', 'steward.mjs');
const work = mkdtempSync(join(tmpdir(), 'steward-bench-sync-'));
// Steward with an empty identity home and git without the machine's config, every time.
const env = { ...gitEnv(), STEWARD_HOME: join(work, 'steward-home') };

type Sample = { ms: number } | { error: string };
type Sampler = (last: boolean) => Promise<Sample>;

/** A command's output, cut short: commander's error comes first, git's fatal last. */
const brief = (text: string): string => {
  const lines = text.trim().split('\n');
  return (lines.length > 6 ? [...lines.slice(0, 3), '…', ...lines.slice(-2)] : lines).join('\n');
};

/** Runs one command in `cwd`, timed from its spawn to its exit. */
const timed = async (command: string, args: string[], cwd: string): Promise<Sample> => {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  const timer = setTimeout(() => child.kill(), TIMEOUT);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolve([c, s]));
  });
  clearTimeout(timer);
  if (code === 0) return { ms: performance.now() - started };
  const shown = [command === process.execPath ? 'node' : command, ...args].join(' ');
  return { error: `\`${shown}\` exited ${code ?? signal}: ${brief(output)}` };
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** The status of `GET /info/refs?service=git-upload-pack`, or undefined while nothing listens. */
const probe = (url: string) =>
  new Promise<number | undefined>((resolve, reject) => {
    const request = get(`${url}/info/refs?service=git-upload-pack`, { agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
    });
    request.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(undefined) : reject(error),
    );
  });

/** `steward serve` in `repo`, once it answers as a git server; or why it does not. */
const startServe = async (cwd: string) => {
  const args = [cli, 'serve', '--host', '127.0.0.1', '--port', String(await freePort())];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Both pipes are drained for as long as it runs: a full pipe would stall the server.
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout = (stdout + c).slice(0, 4e3)));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4e3)));
  child.once('error', (error) => (stderr += error.message));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const close = async () => {
    if (!running()) return;
    // A server that ignores SIGTERM must not keep the benchmark from finishing.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill();
    await exited;
    clearTimeout(timer);
  };
  const fail = async (why: string) => {
    await close();
    return { error: `steward serve: ${why}${stderr.trim() ? `: ${brief(stderr)}` : ''}` };
  };
  while (performance.now() - started < TIMEOUT) {
    if (!running()) return fail(`exited (${child.exitCode ?? child.signalCode})`);
    const first = stdout.includes('\n') ? stdout.slice(0, stdout.indexOf('\n')) : undefined;
    if (first !== undefined) {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(first)?.[0];
      if (!url) return fail(`its first line holds no http://127.0.0.1:PORT URL: "${first}"`);
      const status = await probe(url).catch((error: Error) => error);
      if (status instanceof Error) return fail(`GET /info/refs: ${status.message}`);
      if (status === 200) return { url, startMs: performance.now() - started, close } as const;
      if (status !== undefined) return fail(`GET /info/refs?service=git-upload-pack: ${status}`);
    }
    await sleep(50);
  }
  return fail(`no answer within ${TIMEOUT / 1000} s`);
};

/** Samples git and Steward in turn; Steward stops at its first error, git's errors are fatal. */
const compare = async (name: string, viaGit: Sampler, viaSteward: Sampler | string) => {
  const times = { git: [] as number[], steward: [] as number[] };
  let error = typeof viaSteward === 'string' ? viaSteward : undefined;
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const last = i === WARMUP + SAMPLES - 1;
    for (const side of i % 2 === 0 ? ['git', 'steward'] : ['steward', 'git']) {
      if (side === 'git') {
        const sample = await viaGit(last);
        if ('error' in sample) throw new Error(`${name}, git: ${sample.error}`);
        if (i >= WARMUP) times.git.push(sample.ms);
      } else if (error === undefined && typeof viaSteward !== 'string') {
        const sample = await viaSteward(last);
        if ('error' in sample) error = sample.error;
        else if (i >= WARMUP) times.steward.push(sample.ms);
      }
    }
    progress(`${name}: sample ${i + 1}/${WARMUP + SAMPLES}${error ? ' (Steward failed)' : ''}`);
  }
  const git = summarize(times.git);
  if (error !== undefined) return { git, steward: null, ratio: null, error };
  const steward = summarize(times.steward);
  return { git, steward, ratio: ratio(steward.median, git.median) };
};

type MakeSampler = (url: string, via: 'git' | 'steward', checks: Check[]) => Sampler;

/** One part: both servers on `repo`, then git's and Steward's samples against them. */
const part = async (name: string, repo: string, sampler: MakeSampler) => {
  const backend = await startHttpBackend(repo);
  const serve = await startServe(repo);
  try {
    const checks = { git: [] as Check[], steward: [] as Check[] };
    const result = await compare(
      name,
      sampler(backend.url, 'git', checks.git),
      'error' in serve ? serve.error : sampler(serve.url, 'steward', checks.steward),
    );
    const serveStartMs = 'error' in serve ? null : Math.round(serve.startMs);
    return { ...result, serveStartMs, checks };
  } finally {
    if (!('error' in serve)) await serve.close();
    await backend.close();
  }
};

/** One sync into a fresh copy of peer B, which must then hold peer A's head. */
const sync =
  (peers: Peers): MakeSampler =>
  (url, via, checks) =>
  async (last) => {
    const dest = join(work, 'peer-b-copy');
    execFileSync('cp', ['-a', peers.b.repo, dest]);
    try {
      // cp -a gives every file a new inode and ctime: let git refresh its index once, untimed.
      git(dest, ['status', '--porcelain'], env);
      let sample: Sample;
      if (via === 'steward') sample = await timed(process.execPath, [cli, 'sync', url], dest);
      else {
        const fetched = await timed('git', ['fetch', '-q', url, 'main'], dest);
        if ('error' in fetched) return fetched;
        sample = await timed('git', ['merge', '-q', '--no-edit', 'FETCH_HEAD'], dest);
        if (!('error' in sample)) sample = { ms: fetched.ms + sample.ms };
      }
      if ('error' in sample) return sample;
      const has = clean(dest, ['merge-base', '--is-ancestor', peers.a.head, 'HEAD']);
      if (!has.clean) return { error: `afterwards HEAD lacks peer A's head ${peers.a.head}` };
      if (last) checks.push(has, clean(dest, ['status', '--porcelain']));
      if (last) checks.push(clean(dest, ['fsck', '--strict', '--no-progress']));
      return sample;
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  };

/** One full clone of the 10k repo, but no checkout, which must give the source's HEAD. */
const clone =
  (head: string): MakeSampler =>
  (url, _via, checks) =>
  async (last) => {
    const dest = join(work, 'clone');
    try {
      const sample = await timed('git', ['clone', '-q', '--no-checkout', url, dest], work);
      if ('error' in sample) return sample;
      const cloned = git(dest, ['rev-parse', 'HEAD'], env).trim();
      if (cloned !== head) return { error: `cloned HEAD ${cloned}, not ${head}` };
      if (last) checks.push(clean(dest, ['fsck', '--strict', '--no-progress']));
      return sample;
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  };

/** Runs another bench script in its own process, as run.mjs does. */
const tsx = (script: string, ...args: string[]): void => {
  const run = spawnSync('npx', ['tsx', join(here, script), ...args], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`${script} failed (exit ${run.status ?? run.signal})`);
};

const main = async (): Promise<void> => {
  const [out, cloneArg] = process.argv.slice(2) as [string, string | undefined];
  const before = loadAverage();
  const peersDir = join(work, 'peers');
  tsx('fixture.ts', String(BASE), peersDir);
  tsx('sync-fixture.ts', peersDir, String(NEW));
  const peers = JSON.parse(readFileSync(join(peersDir, 'peers.json'), 'utf8')) as Peers;
  const { base, added } = peers;
  const cloneDir = cloneArg ?? join(work, `n${CLONE}`);
  if (cloneArg === undefined) tsx('fixture.ts', String(CLONE), cloneDir);
  const source = repoDir(cloneDir);
  const statements = readFixture(cloneDir).statements;

  progress(`sync: ${added} new statements on a base of ${base}, ${SAMPLES} samples`);
  const synced = await part('sync', peers.a.repo, sync(peers));
  progress(`clone: ${statements} statements, ${SAMPLES} samples`);
  const cloned = await part('clone', source, clone(git(source, ['rev-parse', 'HEAD']).trim()));

  const result = {
    name: 'sync',
    timestamp: new Date().toISOString(),
    machine: machine(),
    cli: cliBuild(),
    loadAverage: { before, after: loadAverage() },
    goal: `sync ratio <= ${GOAL} (Steward median / git median)`,
    method: {
      sync: 'in a fresh cp -a of peer B (index refreshed, untimed): `git fetch -q URL main` + `git merge -q --no-edit FETCH_HEAD` from `git http-backend`, against `node bin/steward.mjs sync URL` from `steward serve`',
      clone:
        '`git clone -q --no-checkout URL dest` from `git http-backend` (CGI behind node:http, in this process) and from `steward serve`, both on 127.0.0.1',
      order: `interleaved, each going first every other time; ${WARMUP} warm-up pair dropped`,
    },
    sync: { base, added, ...synced, meetsGoal: (synced.ratio ?? Infinity) <= GOAL },
    clone: { statements, ...cloned },
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  const line = (name: string, r: typeof synced) =>
    `${name}: git median ${r.git.median} ms (min ${r.git.min}), ` +
    (r.steward
      ? `Steward median ${r.steward.median} ms (min ${r.steward.min}), ratio ${r.ratio}`
      : `Steward FAILED: ${r.error}`);
  console.log(`${line('sync', synced)} (goal <= ${GOAL})`);
  console.log(line('clone', cloned));
};

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}

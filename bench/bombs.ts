/**
 * Resource bombs, refused: peak memory (max RSS) and time of Steward taking in, or refusing, a
 * repo that holds one, against git reading the same repo's objects in the same run.
 *
 *   blob   README.md of 1 GiB of one byte: a ~1 MB loose object.
 *   tree   a tree bomb of 24^4 = 331,776 paths from 4 tree objects, valid to git fsck --strict;
 *   tree8  one of 100^4 = 10^8 paths from 4 tree objects.
 *
 * For each bomb, in a copy of a small ledger (fixture.ts): `steward verify` on the hostile repo
 * itself, and from a clean copy of the ledger `steward sync` through every door that reads a peer's
 * objects (the hostile folder, a bundle `git bundle create` made of it, `git http-backend` serving
 * it) and `steward clone` of the folder. A refused sync must leave `main` where it was. Baselines:
 * `git cat-file --batch-check --batch-all-objects` and `git fsck --connectivity-only` on the
 * hostile repo, `git bundle create` of it (what git http-backend spends packing it for every
 * fetch), and `steward verify` of the clean ledger (what any command costs: Node, the CLI, the
 * ledger). Each command runs under `/usr/bin/time`, which gives its max RSS. A push to
 * `steward serve` goes through the same pack reader as the bundle and the fetch (readPack, then
 * integrate), so it is not run separately here; tests/integration/bombs.test.ts pushes both bombs.
 *
 *   npx tsx bench/bombs.ts OUT.json     (the built CLI: `npm run build:cli` first)
 *   STEWARD_BENCH_BOMB_MB=1024          size of the blob bomb
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneByteBlob, plantAt, treeBomb } from './bomb-fixture';
import { startHttpBackend } from './http-backend';
import { cliBuild, git, gitEnv, machine, progress, repoDir } from './lib';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'bin', 'steward.mjs');
const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx bench/bombs.ts OUT.json');
const BLOB_MB = Number(process.env.STEWARD_BENCH_BOMB_MB ?? 1024);
const work = mkdtempSync(join(tmpdir(), 'steward-bench-bombs-'));
const home = join(work, 'home');
mkdirSync(home);
const env = { ...gitEnv(), STEWARD_HOME: home, NO_COLOR: '1' };

type Run = {
  command: string;
  seconds: number;
  maxRssMB: number;
  exit: number;
  error?: { code: string; message: string };
  mainMoved?: boolean;
};

/** Runs a command under /usr/bin/time (asynchronously: a server may run in this process). */
const measure = (cmd: string, args: string[], cwd: string): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '@@time %e %M', cmd, ...args], { cwd, env });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.on('data', (d: Buffer) => stderr.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = Buffer.concat(stderr).toString('utf8');
      const m = /@@time ([\d.]+) (\d+)/.exec(text);
      if (!m) return reject(new Error(`no timing from ${cmd}: ${text}`));
      let error: Run['error'];
      try {
        const json = JSON.parse(Buffer.concat(stdout).toString('utf8')) as { error?: Run['error'] };
        if (json.error) error = { code: json.error.code, message: json.error.message };
      } catch {
        // Not JSON (a git command): no error to report beyond the exit status.
      }
      resolve({
        command: [
          cmd === process.execPath ? 'steward' : cmd,
          ...args.slice(cmd === process.execPath ? 1 : 0),
        ]
          .join(' ')
          .replaceAll(work, '$WORK'),
        seconds: Number(m[1]),
        maxRssMB: Math.round(Number(m[2]) / 1024),
        exit: code ?? -1,
        ...(error ? { error } : {}),
      });
    });
  });

const steward = (cwd: string, ...args: string[]): Promise<Run> =>
  measure(process.execPath, [cli, ...args, '--json'], cwd);

const head = (dir: string): string => git(dir, ['rev-parse', 'refs/heads/main']).trim();

/** A fresh copy of the clean ledger, synced from `target`; whether main moved. */
const syncInto = async (base: string, target: string, name: string): Promise<Run> => {
  const ours = join(work, name);
  cpSync(base, ours, { recursive: true });
  const before = head(ours);
  const run = await steward(work, 'sync', target, '--repo', ours);
  const moved = head(ours) !== before;
  rmSync(ours, { recursive: true, force: true });
  return { ...run, mainMoved: moved };
};

const bombs: Record<string, (dir: string) => Promise<void>> = {
  blob: async (dir) => {
    const blob = await oneByteBlob(join(dir, '.git'), BLOB_MB * 1024 * 1024);
    plantAt(env, dir, { files: [['README.md', blob]] });
  },
  tree: (dir) => {
    plantAt(env, dir, { trees: [['junk', treeBomb(env, dir, 24, 4)]] });
    return Promise.resolve();
  },
  tree8: (dir) => {
    plantAt(env, dir, { trees: [['junk', treeBomb(env, dir, 100, 4)]] });
    return Promise.resolve();
  },
};

try {
  progress('bombs: building a ledger of 200 statements');
  const fixture = join(work, 'fixture');
  const made = spawn('npx', ['tsx', join(here, 'fixture.ts'), '200', fixture], {
    stdio: 'inherit',
  });
  await new Promise((resolve) => made.on('close', resolve));
  const base = repoDir(fixture);
  if (!existsSync(base)) throw new Error('fixture.ts made no repo');
  // Steward on the clean ledger: what any command costs before a bomb is in sight.
  const baseline = { verifyClean: await steward(work, 'verify', '--repo', base) };
  progress(
    `bombs: clean verify ${baseline.verifyClean.seconds} s, ${baseline.verifyClean.maxRssMB} MB`,
  );
  const results: Record<string, Record<string, Run>> = {};
  for (const [name, plant] of Object.entries(bombs)) {
    progress(`bombs: ${name}`);
    const hostile = join(work, `hostile-${name}`);
    cpSync(base, hostile, { recursive: true });
    await plant(hostile);
    const bundle = join(work, `${name}.bundle`);
    const backend = await startHttpBackend(hostile, env);
    try {
      const r: Record<string, Run> = {};
      // What git spends packing the bomb, as git http-backend does for every fetch of it.
      r.gitBundleCreate = await measure('git', ['bundle', 'create', '-q', bundle, 'main'], hostile);
      r.gitBatchCheck = await measure(
        'git',
        ['cat-file', '--batch-check', '--batch-all-objects'],
        hostile,
      );
      r.gitFsckConnectivity = await measure('git', ['fsck', '--connectivity-only'], hostile);
      r.verify = await steward(work, 'verify', '--repo', hostile);
      r.syncFolder = await syncInto(base, hostile, 'ours-folder');
      r.syncBundle = await syncInto(base, bundle, 'ours-bundle');
      r.syncHttp = await syncInto(base, backend.url, 'ours-http');
      const cloned = join(work, `clone-${name}`);
      r.cloneFolder = await steward(work, 'clone', hostile, cloned, '--repo', work);
      r.cloneFolder.mainMoved =
        existsSync(cloned) && git(cloned, ['branch', '--list', 'main']).trim() !== '';
      rmSync(cloned, { recursive: true, force: true });
      results[name] = r;
      for (const [step, run] of Object.entries(r))
        progress(
          `  ${step}: ${run.seconds} s, ${run.maxRssMB} MB, exit ${run.exit}${run.error ? ` (${run.error.code})` : ''}`,
        );
    } finally {
      await backend.close();
      rmSync(hostile, { recursive: true, force: true });
      rmSync(bundle, { force: true });
    }
  }
  const steps = ['verify', 'syncFolder', 'syncBundle', 'syncHttp', 'cloneFolder'];
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      {
        worstSeconds: Math.max(...steps.map((s) => r[s]!.seconds)),
        worstMaxRssMB: Math.max(...steps.map((s) => r[s]!.maxRssMB)),
        cleanVerifySeconds: baseline.verifyClean.seconds,
        cleanVerifyMaxRssMB: baseline.verifyClean.maxRssMB,
        gitBatchCheckMaxRssMB: r.gitBatchCheck!.maxRssMB,
        gitBundleCreateSeconds: r.gitBundleCreate!.seconds,
        syncsRefused: steps.slice(1).every((s) => r[s]!.error?.code === 'sync-refused'),
        mainMoved: steps.some((s) => r[s]!.mainMoved === true),
      },
    ]),
  );
  writeFileSync(
    out,
    JSON.stringify(
      {
        benchmark: 'bombs',
        blobMB: BLOB_MB,
        machine: machine(),
        cli: cliBuild(),
        summary,
        results,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(JSON.stringify(summary, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
}

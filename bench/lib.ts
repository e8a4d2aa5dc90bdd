/** What the benchmarks share: git runs, the fixture's description, signers, votes and statistics. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memberIdOf } from '../shared/format/check';
import type { VoteStatement } from '../shared/format/types';
import { nodeCrypto, signWithSeed } from '../electron/core/crypto';
import { signStatement } from '../electron/core/governance/sign';
import type { Signer } from '../electron/core/identity/keystore';

/** Git without the machine's global or system config, so every run sees the same git. */
export const gitEnv = (name = 'Bench', email = 'bench@members.steward'): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: name,
  GIT_AUTHOR_EMAIL: email,
  GIT_COMMITTER_NAME: name,
  GIT_COMMITTER_EMAIL: email,
});

export const git = (cwd: string, args: string[], env = gitEnv()): string =>
  execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });

export type Check = { command: string; clean: boolean; output: string };

/** Runs a git command to the end and reports whether it printed nothing and exited 0. */
export const clean = (cwd: string, args: string[]): Check => {
  const run = spawnSync('git', args, { cwd, env: gitEnv(), encoding: 'utf8', maxBuffer: 1 << 28 });
  const output = `${run.stdout}${run.stderr}`.trim();
  return { command: `git ${args.join(' ')}`, clean: run.status === 0 && output === '', output };
};

export type Member = { name: string; publicKey: string; seed: string };

/** Written by fixture.ts next to the repo: what the benchmarks need to add statements to it. */
export type Fixture = {
  statements: number;
  proposals: number;
  closes: number;
  now: string;
  group: string;
  members: Member[];
  open: { proposal: string; title: string; created: string; lastVote: Record<string, string> };
};

export const repoDir = (dir: string): string => join(dir, 'repo');

export const readFixture = (dir: string): Fixture =>
  JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as Fixture;

export const writeFixture = (dir: string, fixture: Fixture): void =>
  writeFileSync(join(dir, 'fixture.json'), JSON.stringify(fixture));

/** A signer built with the real signing code, from a seed kept in the fixture. */
export const signerOf = (m: Member): Signer => {
  const seed = Buffer.from(m.seed, 'base64url');
  return {
    id: memberIdOf(nodeCrypto, m.publicKey),
    name: m.name,
    publicKey: m.publicKey,
    sign: (message) => signWithSeed(seed, m.publicKey, message),
  };
};

export const signVote = (
  group: string,
  signer: Signer,
  proposal: string,
  created: Date,
  choice: 'yes' | 'no' | 'abstain',
  extra: { replaces?: string; reason?: string } = {},
) => {
  const statement: VoteStatement = {
    format: 'steward/1',
    type: 'vote',
    group,
    author: signer.id,
    created: created.toISOString(),
    proposal,
    choice,
    ...extra,
  };
  return signStatement(statement, [signer]);
};

export type Summary = {
  samples: number[];
  median: number;
  p90: number;
  min: number;
  max: number;
  mean: number;
};

const quantile = (sorted: number[], q: number): number => {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
};

const round = (x: number): number => Math.round(x * 1000) / 1000;

export const summarize = (samples: number[]): Summary => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: samples.map(round),
    median: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
    min: round(sorted[0]!),
    max: round(sorted[sorted.length - 1]!),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
};

export const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;

const root = fileURLToPath(new URL('..', import.meta.url));

/** The machine, and the sources measured: HEAD plus any uncommitted change to them. */
export const machine = () => ({
  commit: git(root, ['rev-parse', '--short', 'HEAD']).trim(),
  uncommitted: git(root, [
    '--no-optional-locks',
    'status',
    '--porcelain',
    '--',
    'electron',
    'shared',
  ])
    .split('\n')
    .filter(Boolean),
  node: process.version,
  git: git('.', ['--version']).trim(),
  platform: `${process.platform} ${process.arch}`,
  cpus: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
});

/** When the CLI that `bin/steward.mjs` runs was built, and whether a source is newer than it. */
export const cliBuild = () => {
  const entry = join(root, 'out', 'cli', 'index.js');
  if (!existsSync(entry)) return { built: null, stale: true };
  const built = statSync(entry).mtimeMs;
  const newer = (dir: string) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).some(
      // A file may vanish between the listing and its stat while someone edits the sources.
      (f) => (statSync(join(root, dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0) > built,
    );
  return { built: new Date(built).toISOString(), stale: newer('electron') || newer('shared') };
};

/** The 1, 5 and 15 minute load averages: the machine may be busy with more than this benchmark. */
export const loadAverage = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

export const progress = (text: string): void => {
  process.stderr.write(`[bench] ${text}\n`);
};

/**
 * Append latency: Steward's `Ledger.append` of a new signed vote on the fixture's open proposal,
 * against `git add FILE && git commit` of the same file in a copy (`cp -a`) of the same repo. The
 * two are sampled in turn, each going first every other time, so both see the same machine load.
 * Afterwards Steward's repo must pass `git fsck --strict` and `git status --porcelain` clean.
 *
 *   npx tsx bench/append.ts OUT.json DIR...    (each DIR made by fixture.ts)
 */
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvelope } from '../shared/format/envelope';
import { statementPath } from '../shared/format/paths';
import { shortId } from '../electron/core/governance/sign';
import { Ledger } from '../electron/core/ledger/ledger';
import {
  clean,
  git,
  gitEnv,
  loadAverage,
  machine,
  progress,
  ratio,
  readFixture,
  repoDir,
  signerOf,
  signVote,
  summarize,
} from './lib';

const WARMUP = 5;
const SAMPLES = Number(process.env.STEWARD_BENCH_APPEND_SAMPLES ?? 30);

const bench = async (dir: string) => {
  const fixture = readFixture(dir);
  const repo = repoDir(dir);
  const copy = join(dir, 'git-copy');
  progress(`append ${fixture.statements}: copying the repo for git`);
  execFileSync('cp', ['-a', repo, copy]);
  // cp -a gives every file a new inode and ctime: let git refresh its index once, untimed.
  git(copy, ['status', '--porcelain']);

  const ledger = await Ledger.open(repo);
  const signers = fixture.members.map(signerOf);
  const last: Record<string, string> = { ...fixture.open.lastVote };
  const start = Date.parse(fixture.open.created) + 30 * 60_000;
  const steward: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const signer = signers[i % signers.length]!;
    const choice = i % 3 === 2 ? 'no' : 'yes';
    const previous = last[signer.id];
    const vote = signVote(
      fixture.group,
      signer,
      fixture.open.proposal,
      new Date(start + i * 1000),
      choice,
      previous ? { replaces: previous } : {},
    );
    last[signer.id] = vote.id;
    const path = statementPath('vote', vote.id, fixture.open.proposal);
    const message = `vote ${choice} on "${fixture.open.title}" (${shortId(fixture.open.proposal)})`;
    const env = gitEnv(signer.name, `${signer.id.slice(0, 12)}@members.steward`);

    const viaSteward = async (): Promise<number> => {
      const started = performance.now();
      await ledger.append(vote.envelope, vote.id, message, signer);
      return performance.now() - started;
    };
    const viaGit = (): number => {
      const started = performance.now();
      writeFileSync(join(copy, path), renderEnvelope(vote.envelope));
      git(copy, ['add', path], env);
      git(copy, ['commit', '-q', '-m', message], env);
      return performance.now() - started;
    };
    let s: number;
    let g: number;
    if (i % 2 === 0) {
      s = await viaSteward();
      g = viaGit();
    } else {
      g = viaGit();
      s = await viaSteward();
    }
    if (i >= WARMUP) {
      steward.push(s);
      baseline.push(g);
    }
  }
  progress(`append ${fixture.statements}: git fsck --strict and git status on Steward's repo`);
  const checks = [
    clean(repo, ['fsck', '--strict', '--no-progress']),
    clean(repo, ['status', '--porcelain']),
  ];
  const timings = { steward: summarize(steward), git: summarize(baseline) };
  const result = {
    statements: fixture.statements,
    indexBytes: statSync(join(repo, '.git', 'index')).size,
    warmup: WARMUP,
    ...timings,
    ratio: ratio(timings.steward.median, timings.git.median),
    meetsGoal: timings.steward.median <= timings.git.median,
    checks,
  };
  console.log(
    `append ${fixture.statements}: Steward median ${result.steward.median} ms (p90 ${result.steward.p90}), ` +
      `git add+commit median ${result.git.median} ms (p90 ${result.git.p90}), ratio ${result.ratio} ` +
      `(goal <= 1.0); ${checks.map((c) => `${c.command}: ${c.clean ? 'clean' : 'NOT CLEAN'}`).join(', ')}`,
  );
  return result;
};

const main = async (): Promise<void> => {
  const [out, ...dirs] = process.argv.slice(2) as [string, ...string[]];
  const before = loadAverage();
  const sizes = [];
  for (const dir of dirs) sizes.push(await bench(dir));
  const result = {
    name: 'append',
    timestamp: new Date().toISOString(),
    machine: machine(),
    loadAverage: { before, after: loadAverage() },
    goal: 'ratio <= 1.0 (Steward median / git median)',
    method: {
      steward: 'Ledger.append of a new signed vote, in this process, one Ledger for all samples',
      git: 'writeFile, then `git add FILE` and `git commit -q -m MSG` (two git processes), in a cp -a copy',
      order: `interleaved, each going first every other time; ${WARMUP} warm-up pairs dropped`,
    },
    sizes,
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
};

await main();

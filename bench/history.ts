/**
 * What keeping every statement ever committed (docs/format.md §4.3) costs a load: the history walk
 * of a linear repo of N commits, each adding one file as Steward does, measured cold (nothing
 * kept), warm (kept by commit id, a new process) and after one more commit; against the tree walk
 * of the tip that every full load already makes, in the same run. Each repo object is opened and
 * its packs read once before timing: what an object store costs to open is not the walk's.
 *
 *   npx tsx bench/history.ts [N=5000] [OUT.json]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lineage } from '../electron/core/ledger/lineage';
import { listFiles } from '../electron/core/ledger/read';
import { openRepo } from '../electron/core/ledger/repo';
import { gitEnv, loadAverage, machine, ratio, summarize } from './lib';

const N = Number(process.argv[2] ?? 5000);
const OUT = process.argv[3];
const SAMPLES = 5;

const hex = (): string => randomBytes(32).toString('hex');

/** N commits on main, each adding one vote-like file, through `git fast-import`. */
const build = (dir: string, n: number, more = false): void => {
  if (!more) spawnSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = hex();
    const content = `{"n":${i}}\n`;
    lines.push(
      'commit refs/heads/main',
      `committer Bench <bench@members.steward> ${1_700_000_000 + i} +0000`,
      'data 2',
      'c',
      ...(more && i === 0 ? ['from refs/heads/main^0'] : []),
      `M 100644 inline proposals/${p.slice(0, 2)}/${p}/votes/${hex()}.json`,
      `data ${Buffer.byteLength(content)}`,
      content,
    );
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    input: lines.join('\n'),
    env: gitEnv(),
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`fast-import failed: ${r.stderr.toString()}`);
};

/** A repo opened afresh, its object store past its first read (index files loaded), untimed. */
const fresh = async (dir: string, ...commits: string[]) => {
  const repo = await openRepo(dir);
  for (const c of commits) await repo.objects.read(c);
  return repo;
};

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const out = await work();
  return [out, performance.now() - started];
};

const main = async (): Promise<void> => {
  const root = mkdtempSync(join(tmpdir(), 'steward-history-'));
  const dir = join(root, 'repo');
  try {
    build(dir, N);
    const head = spawnSync('git', ['rev-parse', 'main'], { cwd: dir }).stdout.toString().trim();
    const tip: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    let visited = { cold: 0, warm: 0, next: 0 };
    for (let s = 0; s < SAMPLES; s++) {
      // A new repo object each time: nothing parsed is shared between samples.
      const a = await fresh(dir, head);
      tip.push((await time(() => listFiles(a)))[1]);
      rmSync(join(dir, '.git', 'steward-lineage.json'), { force: true });
      const b = await fresh(dir, head);
      const [first, c] = await time(async () => {
        const l = await Lineage.open(b);
        await l.of(head);
        await l.save();
        return l;
      });
      cold.push(c);
      const d = await fresh(dir, head);
      const [again, w] = await time(async () => {
        const l = await Lineage.open(d);
        await l.of(head);
        return l;
      });
      warm.push(w);
      visited = { ...visited, cold: first.visited, warm: again.visited };
    }
    // One more commit, as an append makes: one commit read.
    build(dir, 1, true);
    const next = spawnSync('git', ['rev-parse', 'main'], { cwd: dir }).stdout.toString().trim();
    const e = await fresh(dir, next, head);
    const [after, nextMs] = await time(async () => {
      const l = await Lineage.open(e);
      await l.of(next);
      return l;
    });
    visited = { ...visited, next: after.visited };
    const t = summarize(tip);
    const result = {
      benchmark: 'history',
      commits: N,
      samples: SAMPLES,
      machine: machine(),
      loadAverage: loadAverage(),
      tipTreeWalkMs: t,
      historyColdMs: summarize(cold),
      historyWarmMs: summarize(warm),
      historyAfterOneCommitMs: Math.round(nextMs * 10) / 10,
      commitsRead: visited,
      coldOverTipWalk: ratio(summarize(cold).median, t.median),
      warmOverTipWalk: ratio(summarize(warm).median, t.median),
    };
    const text = JSON.stringify(result, null, 2);
    console.log(text);
    if (OUT) writeFileSync(OUT, `${text}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

await main();

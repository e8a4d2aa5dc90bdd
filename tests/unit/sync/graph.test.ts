import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ancestors,
  mergeBases,
  objectsToSend,
  type ReadObject,
} from '../../../electron/core/sync/graph';
import { GitCli } from '../../helpers/git-cli';

const cli = new GitCli();
afterAll(() => cli.cleanup());

/** A small seeded generator, so a failing case can be replayed from its seed. */
const random = (seed: number) => {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
};

type Dag = {
  dir: string;
  commits: string[];
  /** Each commit's parents, by index. */
  parents: number[][];
  read: ReadObject;
};

/**
 * A random history shaped like a ledger's, made by `git fast-import`: every commit adds one or two
 * statement files of its own (never changes or removes one), a merge's tree is the union of its
 * parents', and about a third of the commits are merges of two or three parents. With
 * `backdated`, commit dates are random, so children are often older than their parents.
 * `shared`: the chance that a commit adds a statement another branch already holds.
 */
const makeDag = (seed: number, size: number, backdated: boolean, shared = 0): Dag => {
  const rng = random(seed);
  const dir = cli.init({ bare: true });
  const stream: string[] = [];
  const files: Map<string, number>[] = [];
  const parents: number[][] = [];
  let blobs = 0;
  const allFiles: [string, number][] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
  for (let i = 0; i < size; i++) {
    const ps: number[] = [];
    if (i > 0) {
      // Mostly recent parents, so branches stay short and merges are frequent.
      const pick = () => Math.max(0, i - 1 - rng.int(Math.min(i, 8)));
      ps.push(pick());
      const more = rng.next() < 0.35 ? (rng.next() < 0.2 ? 2 : 1) : 0;
      for (let k = 0; k < more; k++) {
        const p = rng.int(i);
        if (!ps.includes(p)) ps.push(p);
      }
    }
    const tree = new Map<string, number>();
    for (const p of ps) for (const [path, blob] of files[p]!) tree.set(path, blob);
    const added: [string, number][] = [];
    for (let n = 1 + rng.int(2); n > 0; n--) {
      const reuse = shared > 0 && allFiles.length > 0 && rng.next() < shared;
      const candidate = reuse ? allFiles[rng.int(allFiles.length)]! : undefined;
      if (candidate && !tree.has(candidate[0])) {
        added.push(candidate);
        continue;
      }
      const id = `${seed.toString(16)}${i.toString(16).padStart(4, '0')}${n}`.padEnd(12, 'f');
      const folder = ['proposals', 'rotations', 'proposals/ab', 'proposals/cd/x'][rng.int(4)]!;
      const blob = ++blobs;
      stream.push('blob', `mark :${blob}`, data(`{"statement": "${id}", "n": ${blob}}\n`));
      const path = `${folder}/${id}.json`;
      added.push([path, blob]);
      allFiles.push([path, blob]);
    }
    for (const [path, blob] of added) tree.set(path, blob);
    const date = backdated ? 1_700_000_000 + rng.int(100_000) : 1_700_000_000 + i * 60;
    stream.push(
      'commit refs/heads/main',
      `mark :${1_000_000 + i}`,
      `committer Tester <tester@example.invalid> ${date} +0000`,
      data(`commit ${i}`),
    );
    if (ps.length > 0) stream.push(`from :${1_000_000 + ps[0]!}`);
    for (const p of ps.slice(1)) stream.push(`merge :${1_000_000 + p}`);
    // The first parent's tree is where fast-import starts: add what the others and this commit bring.
    const first = ps.length > 0 ? files[ps[0]!]! : new Map<string, number>();
    for (const [path, blob] of tree)
      if (first.get(path) !== blob) stream.push(`M 100644 :${blob} ${path}`);
    files.push(tree);
    parents.push(ps);
  }
  stream.push('done', '');
  const marks = join(dir, 'marks');
  cli.ok(dir, ['fast-import', '--quiet', '--done', `--export-marks=${marks}`], stream.join('\n'));
  const byMark = new Map(
    readFileSync(marks, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  const commits = parents.map((_, i) => byMark.get(`:${1_000_000 + i}`)!);
  // Generation numbers make git's answers right however the dates lie.
  cli.ok(dir, ['commit-graph', 'write', '--reachable']);
  expect(cli.fsck(dir)).toMatchObject({ ok: true });
  const objects = cli.objects(dir);
  return { dir, commits, parents, read: (oid) => Promise.resolve(objects.get(oid)) };
};

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

/** The commits below `commit` (itself included), by index. */
const below = (dag: Dag, i: number, memo = new Map<number, Set<number>>()): Set<number> => {
  let set = memo.get(i);
  if (!set) {
    set = new Set([i]);
    for (const p of dag.parents[i]!) for (const a of below(dag, p, memo)) set.add(a);
    memo.set(i, set);
  }
  return set;
};

const pairs = (dag: Dag, n: number, seed: number): [number, number][] => {
  const rng = random(seed);
  const size = dag.commits.length;
  return Array.from({ length: n }, () => [rng.int(size), rng.int(size)]);
};

describe('mergeBases', () => {
  const check = async (dag: Dag, seed: number, exact: boolean) => {
    const memo = new Map<number, Set<number>>();
    const index = new Map(dag.commits.map((c, i) => [c, i]));
    for (const [x, y] of pairs(dag, 40, seed)) {
      const [a, b] = [dag.commits[x]!, dag.commits[y]!];
      const git = lines(cli.run(dag.dir, ['merge-base', '--all', a, b]).stdout).sort();
      const ours = (await mergeBases(dag.read, a, b)).sort();
      const label = `merge-base ${x} ${y} (seed ${seed})`;
      if (exact) {
        expect(ours, label).toEqual(git);
        continue;
      }
      // Out-of-order dates may leave extra bases, each below a best one; the best must all be there.
      const common = [...below(dag, x, memo)].filter((c) => below(dag, y, memo).has(c));
      for (const base of ours) expect(common, label).toContain(index.get(base));
      const best = ours.filter(
        (base) =>
          !ours.some(
            (other) => other !== base && below(dag, index.get(other)!, memo).has(index.get(base)!),
          ),
      );
      expect(best.sort(), label).toEqual(git);
    }
  };

  it.each([11, 12, 13])(
    'agrees with git merge-base --all on random histories (seed %i)',
    async (seed) => {
      await check(makeDag(seed, 80, false), seed, true);
    },
  );

  it.each([21, 22, 23])(
    'finds git’s merge bases when commit dates are out of order (seed %i)',
    async (seed) => {
      await check(makeDag(seed, 80, true), seed, false);
    },
  );

  it('is empty for unrelated histories and the commit itself for one', async () => {
    const one = makeDag(31, 6, false);
    const two = makeDag(32, 6, false);
    const objects = new Map([...cli.objects(one.dir), ...cli.objects(two.dir)]);
    const read: ReadObject = (oid) => Promise.resolve(objects.get(oid));
    expect(await mergeBases(read, one.commits[5]!, two.commits[5]!)).toEqual([]);
    expect(await mergeBases(read, one.commits[3]!, one.commits[3]!)).toEqual([one.commits[3]]);
  });
});

describe('objectsToSend', () => {
  type Sent = {
    label: string;
    sent: string[];
    git: string[];
    peerHas: Set<string>;
    tipHolds: Set<string>;
  };

  /** objectsToSend and git rev-list for 40 random pairs, each checked as far as both agree. */
  const compare = async (dag: Dag, seed: number): Promise<Sent[]> => {
    const out: Sent[] = [];
    for (const [x, y] of pairs(dag, 40, seed)) {
      const [want, have] = [dag.commits[x]!, dag.commits[y]!];
      const known = new Set(lines(cli.ok(dag.dir, ['rev-list', have])));
      const { objects, boundary } = await objectsToSend(dag.read, [want], (oid) => known.has(oid), [
        have,
      ]);
      const label = `${x} ^${y} (seed ${seed})`;
      const sent = objects.map((o) => o.oid);
      expect(new Set(sent).size, `${label}: an object sent twice`).toBe(sent.length);
      const edge = lines(cli.ok(dag.dir, ['rev-list', '--boundary', want, `^${have}`]))
        .filter((l) => l.startsWith('-'))
        .map((l) => l.slice(1));
      expect(boundary.sort(), label).toEqual(edge.sort());
      for (const o of objects) {
        const real = await dag.read(o.oid);
        expect(o.type, label).toBe(real!.type);
        expect(o.bytes.equals(real!.bytes), label).toBe(true);
      }
      const git = lines(cli.ok(dag.dir, ['rev-list', '--objects', want, `^${have}`])).map((l) =>
        l.slice(0, 40),
      );
      const peerHas = new Set(
        lines(cli.ok(dag.dir, ['rev-list', '--objects', have])).map((l) => l.slice(0, 40)),
      );
      const tipHolds = new Set([
        cli.ok(dag.dir, ['rev-parse', `${have}^{tree}`]).trim(),
        ...lines(cli.ok(dag.dir, ['ls-tree', '-r', '-t', have])).map((l) => l.split(/\s+/)[2]!),
      ]);
      out.push({ label, sent: sent.sort(), git: git.sort(), peerHas, tipHolds });
    }
    return out;
  };

  const histories: [string, () => Dag, number][] = [
    ['a random history', () => makeDag(41, 60, false), 41],
    ['another random history', () => makeDag(42, 60, false), 42],
    ['a random history with dates out of order', () => makeDag(43, 60, true), 43],
    // A statement made twice is the same file on both branches.
    [
      'a random history where branches hold the same statement',
      () => makeDag(51, 60, false, 0.3),
      51,
    ],
  ];

  it.each(histories)(
    'sends all that git rev-list --objects A ^B lists and the peer lacks, and nothing else the peer lacks, on %s',
    async (_, make, seed) => {
      for (const { label, sent, git, peerHas } of await compare(make(), seed)) {
        const mine = new Set(sent);
        // git lists some objects the peer's tip already holds; those may be left out.
        expect(
          git.filter((oid) => !mine.has(oid) && !peerHas.has(oid)),
          `${label}: left out`,
        ).toEqual([]);
        const extra = sent.filter((oid) => !git.includes(oid));
        expect(
          extra.filter((oid) => !peerHas.has(oid)),
          `${label}: sent but not needed`,
        ).toEqual([]);
      }
    },
  );

  // Exactly git's list would take walking every tree the peer ever held. What is sent beyond it
  // is only what the peer held in an older commit: nothing its tip holds is sent again.
  it.each(histories)(
    'sends nothing beyond git rev-list --objects A ^B that the peer tip holds, on %s',
    async (_, make, seed) => {
      for (const { label, sent, git, tipHolds } of await compare(make(), seed)) {
        const extra = sent.filter((oid) => !git.includes(oid));
        expect(
          extra.filter((oid) => tipHolds.has(oid)),
          `${label}: sent again what the peer tip holds`,
        ).toEqual([]);
      }
    },
  );

  it('sends everything to a peer that has nothing', async () => {
    const dag = makeDag(61, 20, false);
    const tip = dag.commits.at(-1)!;
    const { objects, boundary } = await objectsToSend(dag.read, [tip], () => false);
    const git = lines(cli.ok(dag.dir, ['rev-list', '--objects', tip])).map((l) => l.slice(0, 40));
    expect(objects.map((o) => o.oid).sort()).toEqual(git.sort());
    expect(boundary).toEqual([]);
    expect([...(await ancestors(dag.read, [tip]))].sort()).toEqual(
      lines(cli.ok(dag.dir, ['rev-list', tip])).sort(),
    );
  });
});

describe('graph helpers', () => {
  let dag: Dag;
  beforeAll(() => {
    dag = makeDag(71, 10, false);
  });

  it('refuses a missing commit with corrupt', async () => {
    await expect(mergeBases(dag.read, dag.commits[9]!, 'f'.repeat(40))).rejects.toMatchObject({
      code: 'corrupt',
    });
  });
});

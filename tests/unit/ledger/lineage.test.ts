/**
 * Lineage against its definition (docs/format.md §4.3), on random histories of commits that add,
 * change and remove files and merge branches: what the head lost and which commits dropped what
 * are the same whatever was computed before, and equal what a brute-force walk of every commit
 * finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lineage } from '../../../electron/core/ledger/lineage';
import type { ObjectStore } from '../../../electron/core/ledger/object-store';
import { hashObject, serializeCommit, serializeTree } from '../../../electron/core/ledger/objects';
import type { Repo } from '../../../electron/core/ledger/repo';

type Obj = { type: string; bytes: Buffer };
type Files = Map<string, string>; // path → blob content

/** An in-memory repo: lineage reads objects only. */
const memoryRepo = () => {
  const objects = new Map<string, Obj>();
  const put = (type: 'blob' | 'tree' | 'commit', bytes: Buffer): string => {
    const oid = hashObject(type, bytes);
    objects.set(oid, { type, bytes });
    return oid;
  };
  const repo: Repo = {
    dir: undefined,
    gitdir: '/nonexistent',
    cache: {},
    objects: { read: (oid: string) => Promise.resolve(objects.get(oid)) } as unknown as ObjectStore,
  };
  const tree = (files: Files, prefix = ''): string => {
    const here = new Map<string, Files>();
    const entries: { mode: string; name: string; oid: string }[] = [];
    for (const [path, content] of files) {
      if (!path.startsWith(prefix)) continue;
      const [name, ...rest] = path.slice(prefix.length).split('/');
      if (rest.length === 0)
        entries.push({ mode: '100644', name: name!, oid: put('blob', Buffer.from(content)) });
      else here.set(name!, files);
    }
    for (const name of here.keys())
      entries.push({ mode: '040000', name, oid: tree(files, `${prefix}${name}/`) });
    return put('tree', serializeTree(entries));
  };
  let time = 0;
  const commit = (files: Files, parents: string[]): string =>
    put(
      'commit',
      serializeCommit({
        tree: tree(files),
        parents,
        author: { name: 't', email: 't@t', timestamp: time++ },
        message: 'c',
      }),
    );
  return {
    repo,
    objects,
    commit,
    blob: (content: string) => hashObject('blob', Buffer.from(content)),
  };
};

const PATHS = ['charter.json', 'a/x.json', 'a/y.json', 'a/b/z.json', 'rotations/r.json'];

type Step =
  | { op: 'add' | 'change'; path: number; content: number; branch: number }
  | { op: 'remove'; path: number; branch: number }
  | { op: 'merge'; from: number; into: number; keep: 'union' | 'ours' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constantFrom('add' as const, 'change' as const),
    path: fc.nat(PATHS.length - 1),
    content: fc.nat(3),
    branch: fc.nat(2),
  }),
  fc.record({
    op: fc.constant('remove' as const),
    path: fc.nat(PATHS.length - 1),
    branch: fc.nat(2),
  }),
  fc.record({
    op: fc.constant('merge' as const),
    from: fc.nat(2),
    into: fc.nat(2),
    keep: fc.constantFrom('union' as const, 'ours' as const),
  }),
);

/** Builds the history; every commit with its files and parents. */
const build = (steps: Step[]) => {
  const m = memoryRepo();
  const commits = new Map<string, { files: Files; parents: string[] }>();
  const make = (files: Files, parents: string[]): string => {
    const c = m.commit(files, parents);
    commits.set(c, { files: new Map(files), parents });
    return c;
  };
  const root = make(new Map([['charter.json', 'genesis']]), []);
  const branches = [root, root, root];
  for (const s of steps) {
    if (s.op === 'merge') {
      if (branches[s.from] === branches[s.into]) continue;
      const ours = commits.get(branches[s.into]!)!.files;
      const theirs = commits.get(branches[s.from]!)!.files;
      const files = new Map(ours);
      if (s.keep === 'union') for (const [p, c] of theirs) if (!files.has(p)) files.set(p, c);
      branches[s.into] = make(files, [branches[s.into]!, branches[s.from]!]);
      continue;
    }
    const files = new Map(commits.get(branches[s.branch]!)!.files);
    const path = PATHS[s.path]!;
    if (s.op === 'remove') files.delete(path);
    else files.set(path, `${path} ${s.op === 'add' ? 0 : s.content}`);
    branches[s.branch] = make(files, [branches[s.branch]!]);
  }
  return { ...m, commits, heads: branches };
};

/** §4.3 by brute force: every commit reachable from `head`, every parent. */
const expected = (
  commits: Map<string, { files: Files; parents: string[] }>,
  blob: (c: string) => string,
  head: string,
) => {
  const reachable = new Set<string>();
  const stack = [head];
  while (stack.length) {
    const c = stack.pop()!;
    if (reachable.has(c)) continue;
    reachable.add(c);
    stack.push(...commits.get(c)!.parents);
  }
  const tip = commits.get(head)!.files;
  const drops = new Set<string>();
  const lost = new Set<string>();
  for (const c of reachable) {
    const { files, parents } = commits.get(c)!;
    for (const p of parents) {
      for (const [path, content] of commits.get(p)!.files) {
        if (files.get(path) === content) continue;
        drops.add(`${c} ${path} ${blob(content)}`);
        if (tip.get(path) !== content) lost.add(`${path} ${blob(content)}`);
      }
    }
  }
  return { lost: [...lost].sort(), drops: [...drops].sort() };
};

const shape = (r: Awaited<ReturnType<Lineage['of']>>) => ({
  lost: r.lost.map((f) => `${f.path} ${f.oid}`).sort(),
  drops: r.drops.map((d) => `${d.commit} ${d.path} ${d.oid}`).sort(),
});

describe('Lineage', () => {
  it('finds what every commit behind a head dropped, whatever was computed before', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (steps, warm) => {
          const h = build(steps);
          const all = [...h.commits.keys()];
          for (const head of h.heads) {
            const want = expected(h.commits, h.blob, head);
            const fresh = new Lineage(h.repo);
            expect(shape(await fresh.of(head))).toEqual(want);
            // Commits computed first, in any order, change nothing.
            const warmed = new Lineage(h.repo);
            for (const i of warm) await warmed.of(all[i % all.length]!);
            expect(shape(await warmed.of(head))).toEqual(want);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps nothing that rests on a parent missing from the store, and reads it once it arrives', async () => {
    const full = memoryRepo();
    const root = full.commit(new Map([['a/x.json', 'x']]), []);
    const child = full.commit(new Map(), [root]);
    // A shallow copy: the child and its (empty) tree, not the root.
    const shallow = memoryRepo();
    const tree = /^tree ([0-9a-f]{40})/.exec(full.objects.get(child)!.bytes.toString())![1]!;
    for (const oid of [child, tree]) shallow.objects.set(oid, full.objects.get(oid)!);
    const lineage = new Lineage(shallow.repo);
    expect(await lineage.of(child)).toEqual({ lost: [], drops: [] });
    for (const [oid, o] of full.objects) shallow.objects.set(oid, o);
    const now = await lineage.of(child);
    expect(now.drops.map((d) => [d.path, d.commit])).toEqual([['a/x.json', child]]);
  });

  it('reads each commit once, and an honest history keeps nothing but clean commits', async () => {
    const h = build(
      PATHS.slice(1).map((_, i) => ({
        op: 'add' as const,
        path: i + 1,
        content: 0,
        branch: i % 2,
      })),
    );
    const lineage = new Lineage(h.repo);
    const main = await lineage.of(h.heads[0]!);
    expect(main).toEqual({ lost: [], drops: [] });
    await lineage.of(h.heads[1]!);
    // The root, shared, is read once.
    expect(lineage.visited).toBe(h.commits.size);
  });
});

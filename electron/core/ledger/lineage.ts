/**
 * What the history behind a head held. Statement files are only ever added, so every file any
 * commit reachable from the head held at a path should still be there, unchanged, in the head's
 * tree. A commit made by hand can change or remove one: this module finds every such commit (a
 * drop: a file a parent held that the commit does not hold at the same path, same blob and mode)
 * and the files the head no longer holds (lost), so that the ledger can keep them.
 *
 * The result for a commit is a function of its ancestry alone:
 *   lost(c)  = ∪ over parents p: (lost(p) ∪ dropped(p → c)) minus what c's tree holds
 *   drops(c) = ∪ over parents p: drops(p) ∪ {(f, c) : f ∈ dropped(p → c)}
 * so it is computed once per commit, from its parents' results and one pruned tree diff per
 * parent, and kept by commit id. A commit whose result is empty is clean, and so are all its
 * ancestors: an honest repo holds a set of clean commits and nothing else, and a new commit costs
 * one diff against its parent.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { isHostileName } from '../../../shared/format/paths';
import { MAX_PATHS } from './limits';
import type { FileEntry } from './read';
import type { Repo } from './repo';
import { readTreeEntries, type RawEntry } from './tree';

/** A file a commit's parent held at a path that the commit does not hold there. */
export type Drop = {
  path: string;
  mode: string;
  /** The blob the parent held. */
  oid: string;
  /** The commit that changed or removed it. */
  commit: string;
  /** What the commit holds at the path instead: nothing (removed), or another entry (changed). */
  now?: { mode: string; oid: string };
};

export type LineageResult = {
  /** Files some ancestor held that the commit's tree does not hold at their path. */
  lost: FileEntry[];
  drops: Drop[];
};

/** Raise when what is kept changes meaning. */
const VERSION = 1;
const FILE = 'steward-lineage.json';

const EMPTY: LineageResult = { lost: [], drops: [] };
const MAX_FOLDER_DEPTH = 4;
const fileKey = (f: { oid?: string; mode: string; path: string }): string =>
  `${f.oid} ${f.mode} ${f.path}`;

type Links = { tree?: string; parents: string[] };

/** A commit's tree and parents, read from its header; none for a missing or non-commit object. */
const readLinks = async (repo: Repo, oid: string): Promise<Links | undefined> => {
  const object = await repo.objects.read(oid);
  if (object?.type !== 'commit') return undefined;
  const text = Buffer.from(object.bytes).toString('latin1');
  const header = text.slice(0, Math.max(0, text.indexOf('\n\n')));
  const parents: string[] = [];
  let tree: string | undefined;
  for (const line of header.split('\n')) {
    const m = /^(tree|parent) ([0-9a-f]{40})$/.exec(line);
    if (m?.[1] === 'tree') tree ??= m[2];
    else if (m?.[1] === 'parent') parents.push(m[2]!);
  }
  return { ...(tree ? { tree } : {}), parents };
};

const byName = (entries: RawEntry[] | undefined): Map<string, RawEntry> =>
  new Map((entries ?? []).map((e) => [e.name, e]));

/**
 * The plain files of tree `before` that tree `after` does not hold at the same path with the same
 * blob and mode, reading only folders that differ. Only what can hold a statement is read: plain
 * files, in folders with names that are not hostile, no deeper than a statement lies.
 */
export const droppedFiles = async (
  repo: Repo,
  before: string | undefined,
  after: string | undefined,
  prefix = '',
  out: { path: string; mode: string; oid: string; now?: RawEntry }[] = [],
  walked = { entries: 0 },
): Promise<{ path: string; mode: string; oid: string; now?: RawEntry }[]> => {
  if (!before || before === after) return out;
  const now = byName(after ? await readTreeEntries(repo, after) : undefined);
  for (const e of (await readTreeEntries(repo, before)) ?? []) {
    // A hand-made commit may drop a tree bomb (sync refuses any history that drops a file): the
    // walk stops where the ledger's own reader would.
    if (++walked.entries > MAX_PATHS) {
      throw new StewardError(
        'invalid-statement',
        `a commit of this history drops over ${MAX_PATHS} entries: not a ledger's (a hostile commit?)`,
      );
    }
    const n = now.get(e.name);
    if (n && n.oid === e.oid && n.mode === e.mode) continue;
    if (isHostileName(e.name)) continue;
    const path = prefix + e.name;
    if (e.mode === '040000') {
      if (path.split('/').length > MAX_FOLDER_DEPTH) continue;
      const next = n?.mode === '040000' ? n.oid : undefined;
      await droppedFiles(repo, e.oid, next, `${path}/`, out, walked);
    } else if (e.mode === '100644') {
      out.push({ path, mode: e.mode, oid: e.oid, ...(n ? { now: n } : {}) });
    }
  }
  return out;
};

/** Whether `tree` holds exactly this file at its path. */
const holds = async (repo: Repo, tree: string | undefined, f: FileEntry): Promise<boolean> => {
  let at = tree;
  const parts = f.path.split('/');
  for (const [i, name] of parts.entries()) {
    if (!at) return false;
    const entry = (await readTreeEntries(repo, at))?.find((e) => e.name === name);
    if (!entry) return false;
    if (i === parts.length - 1) return entry.oid === f.oid && entry.mode === f.mode;
    at = entry.mode === '040000' ? entry.oid : undefined;
  }
  return false;
};

/**
 * Lineage results by commit id, computed on demand and kept: clean commits as a set, the others
 * with their result. `visited` counts the commits computed (not found kept), for tests and
 * benchmarks.
 */
export class Lineage {
  visited = 0;
  /** Whether anything was computed since the last `save`. */
  changed = false;

  constructor(
    private readonly repo: Repo,
    private readonly clean = new Set<string>(),
    private readonly dirty = new Map<string, LineageResult>(),
  ) {}

  /**
   * Results that rest on a parent missing from the store (a shallow history): never kept past one
   * call, since the parent may arrive and change them.
   */
  private partial = new Map<string, LineageResult>();

  private known(commit: string): LineageResult | undefined {
    return this.clean.has(commit) ? EMPTY : (this.dirty.get(commit) ?? this.partial.get(commit));
  }

  /** The result for `head`, computing only the commits not known yet (parents first). */
  async of(head: string): Promise<LineageResult> {
    this.partial = new Map();
    const done = this.known(head);
    if (done) return done;
    // Post-order over the unknown ancestry, without recursion: histories are long.
    const links = new Map<string, Links | undefined>();
    const stack: string[] = [head];
    const order: string[] = [];
    const ordered = new Set<string>();
    while (stack.length > 0) {
      const c = stack[stack.length - 1]!;
      if (!links.has(c)) {
        const l = await readLinks(this.repo, c);
        links.set(c, l);
        for (const p of l?.parents ?? []) if (!this.known(p) && !links.has(p)) stack.push(p);
      } else {
        stack.pop();
        if (!this.known(c) && !ordered.has(c)) {
          ordered.add(c);
          order.push(c);
        }
      }
    }
    for (const c of order) await this.compute(c, links.get(c));
    return this.known(head)!;
  }

  private async compute(commit: string, l: Links | undefined): Promise<void> {
    this.visited++;
    this.changed = true;
    const lost = new Map<string, FileEntry>();
    const drops = new Map<string, Drop>();
    // A commit missing from the store: nothing to read now, maybe something later.
    let incomplete = l === undefined;
    for (const p of l?.parents ?? []) {
      // A parent missing from the store (a shallow history) held nothing we can read.
      const parent = await readLinks(this.repo, p);
      if (!parent || this.partial.has(p)) incomplete = true;
      const before = this.known(p) ?? EMPTY;
      for (const d of before.drops) drops.set(`${d.commit} ${fileKey(d)}`, d);
      for (const f of before.lost)
        if (!(await holds(this.repo, l?.tree, f))) lost.set(fileKey(f), f);
      for (const f of await droppedFiles(this.repo, parent?.tree, l?.tree)) {
        const entry: FileEntry = { path: f.path, mode: f.mode, oid: f.oid };
        lost.set(fileKey(entry), entry);
        const drop: Drop = {
          path: f.path,
          mode: f.mode,
          oid: f.oid,
          commit,
          ...(f.now ? { now: { mode: f.now.mode, oid: f.now.oid } } : {}),
        };
        drops.set(`${commit} ${fileKey(entry)}`, drop);
      }
    }
    const sorted = <T>(m: Map<string, T>): T[] =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    const result = { lost: sorted(lost), drops: sorted(drops) };
    if (incomplete) this.partial.set(commit, result);
    else if (lost.size === 0 && drops.size === 0) this.clean.add(commit);
    else this.dirty.set(commit, result);
  }

  /**
   * What an earlier process kept, from a file in the git dir (never shared; one unreadable or of
   * another version is ignored, and deleting it loses nothing but time).
   */
  static async open(repo: Repo): Promise<Lineage> {
    try {
      const data = JSON.parse(await readFile(join(repo.gitdir, FILE), 'utf8')) as {
        version?: number;
        clean?: string[];
        dirty?: [string, LineageResult][];
      };
      if (data.version === VERSION && Array.isArray(data.clean) && Array.isArray(data.dirty))
        return new Lineage(repo, new Set(data.clean), new Map(data.dirty));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError))
        throw error;
    }
    return new Lineage(repo);
  }

  /** Writes what is kept, if anything was computed since it was read or written. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const path = join(this.repo.gitdir, FILE);
    const tmp = `${path}.${process.pid}.tmp`;
    const data = { version: VERSION, clean: [...this.clean], dirty: [...this.dirty] };
    try {
      await writeFile(tmp, JSON.stringify(data));
      await rename(tmp, path);
      this.changed = false;
    } catch (error) {
      // A file that cannot be written (read-only repo, full disk) only costs time.
      await unlink(tmp).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    }
  }
}

/** Whether two results hold the same lost files and drops. */
export const sameLineage = (a: LineageResult, b: LineageResult): boolean =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

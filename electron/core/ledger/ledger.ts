/**
 * The governance ledger: a repo plus the two verification stages. `load` reads every statement
 * at HEAD, checks each file, and derives the group's state; nothing derived is ever written.
 */
import {
  checkFile,
  memberIdOf,
  type CheckResult,
  type CheckedStatement,
} from '../../../shared/format/check';
import { CheckCache, entryKey } from './check-cache';
import { CheckPool } from './check-pool';
import { renderEnvelope } from '../../../shared/format/envelope';
import { statementPath } from '../../../shared/format/paths';
import type { Envelope } from '../../../shared/format/types';
import { deriveWithMemo } from '../../../shared/derive/derive';
import { deriveMore, type DeriveMemo } from '../../../shared/derive/more';
import type { DerivedState } from '../../../shared/derive/state';
import { nodeCrypto } from '../crypto';
import { append, type AppendResult } from './append';
import { addedFiles, listFiles, makeBasisReader, materialize, type FileEntry } from './read';
import { preloadBases } from './bases';
import { initRepo, openRepo, readHead, type Repo } from './repo';
import { Lineage, sameLineage, type LineageResult } from './lineage';
import { scanHistory, type Rewrite } from './history-scan';

/** Progress of a load: files read from git, then files checked. */
export type LoadProgress = { phase: 'read' | 'check'; done: number; total?: number };

export type Loaded = {
  head?: string;
  state: DerivedState;
  /** What derivation saw: the tip's files, then valid statements the history lost (§4.3). */
  checked: CheckResult[];
  /** Commits that changed or removed a valid statement (§4.3): none in an honest repo. */
  rewrites: Rewrite[];
};

export type LoadOptions = {
  commit?: string;
  onProgress?: (p: LoadProgress) => void;
  /** Check every file again, ignoring cached verdicts (they are still refreshed). */
  recheck?: boolean;
};

/** More new files than this, and a load is a full one. */
const MAX_ADDED = 200;

export class Ledger {
  /** The last load, to take the next one on from. */
  private last?: { loaded: Loaded & { head: string }; memo: DeriveMemo; lineage: LineageResult };
  /** What each commit's history held, read from the git dir at the first load. */
  private lineage?: Lineage;
  /** Verdicts this process reached or read, by entry: the blobs behind them were hashed then. */
  private known = new Map<string, CheckResult>();
  /** What each basis commit held, per scope: a commit's tree never changes. */
  private readonly bases: ReturnType<typeof makeBasisReader>;
  /** Loads run one at a time, each taking on from the last. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly repo: Repo) {
    this.bases = makeBasisReader(repo);
  }

  static async open(path: string): Promise<Ledger> {
    return new Ledger(await openRepo(path));
  }

  static async init(path: string, options: { bare?: boolean } = {}): Promise<Ledger> {
    return new Ledger(await initRepo(path, options.bare ?? false));
  }

  get dir(): string {
    return this.repo.dir ?? this.repo.gitdir;
  }

  head(): Promise<string | undefined> {
    return readHead(this.repo);
  }

  /**
   * The state at `commit` (default: HEAD) on the clock `now`. A load taken on from the last one
   * reads only the folders that changed, checks only the new files, and where they are votes,
   * consents or evidence on open proposals judges those proposals alone (see `deriveMore`); any
   * other change is a full load, which checks only files it has no verdict for.
   */
  load(now: Date, options: LoadOptions = {}): Promise<Loaded> {
    const run = this.queue.then(() => this.loadNow(now, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadNow(now: Date, options: LoadOptions): Promise<Loaded> {
    const last = this.last;
    if (last && !options.recheck) {
      const head = options.commit ?? (await readHead(this.repo));
      if (head) {
        const quick = await this.loadMore(last, head, now.getTime());
        if (quick) return quick;
      }
    }
    return this.loadFull(now, options);
  }

  private async loadMore(
    last: NonNullable<Ledger['last']>,
    head: string,
    now: number,
  ): Promise<Loaded | undefined> {
    const added =
      head === last.loaded.head ? [] : await addedFiles(this.repo, last.loaded.head, head);
    // Many new files (a sync) are checked faster on worker threads by a full load.
    if (!added || added.length > MAX_ADDED) return undefined;
    // A basis a close or rotation named, missing then, may have come since: judge it all again.
    if (await this.bases.arrived()) return undefined;
    // Only added files and a history that lost nothing new: what the last load kept still holds.
    const lineage = await this.lineageOf(head);
    if (!sameLineage(lineage, last.lineage)) return undefined;
    const results: CheckedStatement[] = [];
    for (const entry of added) {
      const result =
        this.known.get(entryKey(entry)!) ??
        checkFile(await materialize(this.repo.objects, entry), nodeCrypto);
      if (result.ok !== true) return undefined;
      results.push(result);
    }
    const more = deriveMore(last.memo, results, now);
    if (!more) return undefined;
    added.forEach((entry, i) => this.known.set(entryKey(entry)!, results[i]!));
    const loaded = {
      head,
      state: more.state,
      checked: [...last.loaded.checked, ...results],
      rewrites: last.loaded.rewrites,
    };
    this.last = { loaded, memo: more.memo, lineage };
    await this.lineage?.save();
    return loaded;
  }

  /** The lineage of `head`, computing only commits no load has seen (§4.3). */
  private async lineageOf(head: string, fresh = false): Promise<LineageResult> {
    if (fresh || !this.lineage)
      this.lineage = fresh ? new Lineage(this.repo) : await Lineage.open(this.repo);
    return this.lineage.of(head);
  }

  private async loadFull(now: Date, options: LoadOptions): Promise<Loaded> {
    const { onProgress } = options;
    // Files are checked in batches on worker threads while the rest are still being read.
    const pool = new CheckPool(this.repo);
    const cache = await CheckCache.open(this.repo);
    // Results in tree order, whichever way each was found: derivation sees the files in one order
    // on every peer at the same commit, whatever each had cached.
    const slots: (CheckResult | undefined)[] = [];
    const batches: Promise<void>[] = [];
    const lookups: Promise<void>[] = [];
    let batch: { entry: FileEntry; slot: number }[] = [];
    let read = 0;
    let checked = 0;
    // A failed batch is kept here rather than left as a rejection nobody awaits yet.
    let failure: Error | undefined;
    const submit = (): void => {
      const files = batch;
      batch = [];
      batches.push(
        pool.check(files.map((f) => f.entry)).then(
          (results) => {
            results.forEach((r, i) => {
              slots[files[i]!.slot] = r;
              cache.record(files[i]!.entry, r);
            });
            checked += results.length;
            onProgress?.({ phase: 'check', done: checked, total: read });
          },
          (error: unknown) => {
            failure ??= error instanceof Error ? error : new Error(String(error));
          },
        ),
      );
    };
    // Files seen before are taken from the cache, the rest go to the pool in batches.
    const known = this.known;
    const place = async (entry: FileEntry, slot: number): Promise<void> => {
      const key = entryKey(entry);
      const mine = key === undefined ? undefined : known.get(key);
      if (mine && !options.recheck) cache.record(entry, mine);
      const hit = options.recheck ? undefined : (mine ?? (await cache.lookup(entry)));
      if (hit) {
        slots[slot] = hit;
        checked++;
        return;
      }
      batch.push({ entry, slot });
      if (batch.length === 500) submit();
    };
    let head: string | undefined;
    let results: CheckResult[];
    let lineage: LineageResult | undefined;
    let scan: Awaited<ReturnType<typeof scanHistory>>;
    try {
      let entries: FileEntry[];
      ({ head, entries } = await listFiles(this.repo, options.commit, (entry) => {
        lookups.push(place(entry, read));
        if (++read % 1000 === 0) onProgress?.({ phase: 'read', done: read });
      }));
      await Promise.all(lookups);
      submit();
      await Promise.all(batches);
      if (failure !== undefined) throw failure;
      results = slots as CheckResult[];
      // verify (recheck) trusts nothing kept: it walks the whole history again.
      lineage = head ? await this.lineageOf(head, options.recheck) : undefined;
      scan = await scanHistory(lineage ?? { lost: [], drops: [] }, results, async (entry) => {
        const hit = options.recheck
          ? undefined
          : (known.get(entryKey(entry)!) ?? (await cache.lookup(entry)));
        const result = hit ?? checkFile(await materialize(this.repo.objects, entry), nodeCrypto);
        cache.record(entry, result);
        return result;
      });
      await cache.save(
        options.commit === undefined ? [...entries, ...(lineage?.lost ?? [])] : undefined,
      );
      await this.lineage?.save();
      this.known = new Map();
      entries.forEach((entry, i) => {
        const key = entryKey(entry);
        if (key !== undefined) this.known.set(key, results[i]!);
      });
    } finally {
      await pool.close();
    }
    results = [...results, ...scan.restored];
    await preloadBases(results, this.bases.load);
    const { state, memo } = deriveWithMemo({
      checked: results,
      basisOf: this.bases.get,
      memberIdOf: (key) => memberIdOf(nodeCrypto, key),
      now: now.getTime(),
    });
    const loaded = { ...(head ? { head } : {}), state, checked: results, rewrites: scan.rewrites };
    this.last =
      head && memo && lineage ? { loaded: { ...loaded, head }, memo, lineage } : undefined;
    return loaded;
  }

  /** Writes a signed statement at its one path, as one commit authored by `author`. */
  append(
    envelope: Envelope,
    id: string,
    message: string,
    author: { id: string; name: string },
  ): Promise<AppendResult> {
    const st = envelope.statement;
    const path = statementPath(st.type, id, 'proposal' in st ? st.proposal : undefined);
    return append(this.repo, {
      path,
      content: renderEnvelope(envelope),
      message,
      author: { name: author.name, email: `${author.id.slice(0, 12)}@members.steward` },
      timestamp: Math.floor(Date.parse(st.created) / 1000),
    });
  }
}

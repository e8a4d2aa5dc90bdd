/**
 * The governance ledger: a repo plus the two verification stages. `load` reads every statement
 * at HEAD, checks each file, and derives the group's state; nothing derived is ever written.
 */
import { memberIdOf, type CheckResult } from '../../../shared/format/check';
import { CheckCache } from './check-cache';
import { CheckPool } from './check-pool';
import { renderEnvelope } from '../../../shared/format/envelope';
import { statementPath } from '../../../shared/format/paths';
import type { Envelope } from '../../../shared/format/types';
import { derive } from '../../../shared/derive/derive';
import type { DerivedState } from '../../../shared/derive/state';
import { nodeCrypto } from '../crypto';
import { append, type AppendResult } from './append';
import { listFiles, makeBasisReader, type FileEntry } from './read';
import { preloadBases } from './bases';
import { initRepo, openRepo, readHead, type Repo } from './repo';

/** Progress of a load: files read from git, then files checked. */
export type LoadProgress = { phase: 'read' | 'check'; done: number; total?: number };

export type Loaded = { head?: string; state: DerivedState; checked: CheckResult[] };

export class Ledger {
  private constructor(readonly repo: Repo) {}

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

  async load(
    now: Date,
    options: {
      commit?: string;
      onProgress?: (p: LoadProgress) => void;
      /** Check every file again, ignoring cached verdicts (they are still refreshed). */
      recheck?: boolean;
    } = {},
  ): Promise<Loaded> {
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
    const place = async (entry: FileEntry, slot: number): Promise<void> => {
      const hit = options.recheck ? undefined : await cache.lookup(entry);
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
      await cache.save(options.commit === undefined ? entries : undefined);
    } finally {
      await pool.close();
    }
    const basis = makeBasisReader(this.repo);
    await preloadBases(results, basis.load);
    const state = derive({
      checked: results,
      basisOf: basis.get,
      memberIdOf: (key) => memberIdOf(nodeCrypto, key),
      now: now.getTime(),
    });
    return { ...(head ? { head } : {}), state, checked: results };
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

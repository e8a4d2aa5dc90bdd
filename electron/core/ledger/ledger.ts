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
    const batches: Promise<CheckResult[]>[] = [];
    const known: Promise<CheckResult | undefined>[] = [];
    let batch: FileEntry[] = [];
    let read = 0;
    let checked = 0;
    // A failed batch is kept here rather than left as a rejection nobody awaits yet.
    let failure: Error | undefined;
    const submit = (): void => {
      const files = batch;
      batch = [];
      batches.push(
        pool.check(files).then(
          (results) => {
            results.forEach((r, i) => cache.record(files[i]!, r));
            checked += results.length;
            onProgress?.({ phase: 'check', done: checked, total: read });
            return results;
          },
          (error: unknown) => {
            failure ??= error instanceof Error ? error : new Error(String(error));
            return [];
          },
        ),
      );
    };
    let head: string | undefined;
    let results: CheckResult[];
    try {
      let entries: FileEntry[];
      // Files seen before are taken from the cache, the rest go to the pool in batches.
      const uncached = async (entry: FileEntry): Promise<CheckResult | undefined> => {
        const hit = options.recheck ? undefined : await cache.lookup(entry);
        if (hit) {
          checked++;
          return hit;
        }
        batch.push(entry);
        if (batch.length === 500) submit();
        return undefined;
      };
      ({ head, entries } = await listFiles(this.repo, options.commit, (entry) => {
        known.push(uncached(entry));
        if (++read % 1000 === 0) onProgress?.({ phase: 'read', done: read });
      }));
      const hits = (await Promise.all(known)).filter((r): r is CheckResult => r !== undefined);
      submit();
      results = [...hits, ...(await Promise.all(batches)).flat()];
      if (failure !== undefined) throw failure;
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

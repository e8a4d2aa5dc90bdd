/**
 * Stage one of verification judges a file by its path, mode and bytes alone, so its verdict can
 * be kept: a file seen before (same blob at the same path) is not checked again, its statement is
 * only parsed back from the blob. Every command loads the whole ledger; with this, the cost of a
 * load follows what is new since the last one, not the size of the ledger. The cache is a file in
 * the git dir, never shared, written whole and renamed; one that is unreadable or was written by
 * another version of the checks is ignored, and deleting it loses nothing.
 */
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, Quarantined } from '../../../shared/format/check';
import type { Statement } from '../../../shared/format/types';
import { hashObject } from './objects';
import type { FileEntry } from './read';
import type { Repo } from './repo';

/** Raise when stage one changes what it accepts or reports. */
const VERSION = 3;
const FILE = 'steward-check-cache.json';

type Verdict = { id: string; signers: string[] } | Quarantined | 'readme';

/** An entry's identity for a verdict: its blob, mode and path (none for an entry with a problem). */
export const entryKey = (e: FileEntry): string | undefined =>
  e.oid && !e.problem ? `${e.oid} ${e.mode} ${e.path}` : undefined;

export class CheckCache {
  private dirty = false;

  private constructor(
    private readonly repo: Repo,
    private readonly verdicts: Map<string, Verdict>,
  ) {}

  static async open(repo: Repo): Promise<CheckCache> {
    let verdicts = new Map<string, Verdict>();
    try {
      const data = JSON.parse(await readFile(join(repo.gitdir, FILE), 'utf8')) as {
        version?: number;
        verdicts?: [string, Verdict][];
      };
      if (data.version === VERSION && Array.isArray(data.verdicts))
        verdicts = new Map(data.verdicts);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError))
        throw error;
    }
    return new CheckCache(repo, verdicts);
  }

  /** The result for an entry checked before, or undefined. */
  async lookup(entry: FileEntry): Promise<CheckResult | undefined> {
    const key = entryKey(entry);
    const verdict = key === undefined ? undefined : this.verdicts.get(key);
    if (verdict === undefined) return undefined;
    if (verdict === 'readme') return { ok: 'readme', path: entry.path };
    if ('ok' in verdict) return verdict;
    const blob = await this.repo.objects.read(entry.oid!);
    // A blob whose bytes no longer hash to its name was altered on disk: check it afresh.
    if (blob?.type !== 'blob' || hashObject('blob', blob.bytes) !== entry.oid) return undefined;
    const { statement } = JSON.parse(blob.bytes.toString('utf8')) as { statement: Statement };
    return { ok: true, path: entry.path, id: verdict.id, statement, signers: verdict.signers };
  }

  record(entry: FileEntry, result: CheckResult): void {
    const key = entryKey(entry);
    if (key === undefined || this.verdicts.has(key)) return;
    this.verdicts.set(
      key,
      result.ok === 'readme'
        ? 'readme'
        : result.ok
          ? { id: result.id, signers: result.signers }
          : result,
    );
    this.dirty = true;
  }

  /** Writes the cache if it changed, keeping only the entries in `keep` when given. */
  async save(keep?: FileEntry[]): Promise<void> {
    if (keep) {
      const live = new Set(keep.map(entryKey));
      for (const key of this.verdicts.keys()) {
        if (!live.has(key)) {
          this.verdicts.delete(key);
          this.dirty = true;
        }
      }
    }
    if (!this.dirty) return;
    const path = join(this.repo.gitdir, FILE);
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify({ version: VERSION, verdicts: [...this.verdicts] }));
      await rename(tmp, path);
      this.dirty = false;
    } catch (error) {
      // A cache that cannot be written (read-only repo, full disk) only costs time.
      await unlink(tmp).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    }
  }
}

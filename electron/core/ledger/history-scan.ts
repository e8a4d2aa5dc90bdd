/**
 * From what the history behind a head held (lineage.ts) to what verification needs: the valid
 * statements the head's tree lost, which count as if they were still there, and each commit that
 * changed or removed a valid statement, reported (docs/format.md §4.3).
 */
import type { CheckResult, CheckedStatement } from '../../../shared/format/check';
import type { Rewrite } from '../../../shared/derive/state';
import type { LineageResult } from './lineage';
import type { FileEntry } from './read';

export type { Rewrite } from '../../../shared/derive/state';

export type HistoryScan = {
  /** Valid statements that commits on the way to the head lost, to count all the same. */
  restored: CheckedStatement[];
  rewrites: Rewrite[];
};

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Judges what lineage found with stage one (`judge`, one file alone) and keeps what passed:
 * a lost file that is a valid statement not also in the tip (`tip`'s valid ids), and a drop of a
 * valid statement. A changed README or a removed file that was never valid is no statement.
 */
export const scanHistory = async (
  lineage: LineageResult,
  tip: readonly CheckResult[],
  judge: (entry: FileEntry) => Promise<CheckResult>,
): Promise<HistoryScan> => {
  if (lineage.lost.length === 0 && lineage.drops.length === 0)
    return { restored: [], rewrites: [] };
  const verdicts = new Map<string, Promise<CheckResult>>();
  const verdict = (e: FileEntry): Promise<CheckResult> => {
    const key = `${e.oid} ${e.mode} ${e.path}`;
    let v = verdicts.get(key);
    if (!v) verdicts.set(key, (v = judge(e)));
    return v;
  };
  const ids = new Set<string>();
  for (const c of tip) if (c.ok === true) ids.add(c.id);
  const restored: CheckedStatement[] = [];
  for (const e of lineage.lost) {
    const r = await verdict(e);
    if (r.ok !== true || ids.has(r.id)) continue;
    ids.add(r.id);
    restored.push(r);
  }
  const rewrites: Rewrite[] = [];
  for (const d of lineage.drops) {
    const r = await verdict({ path: d.path, mode: d.mode, oid: d.oid });
    if (r.ok !== true) continue;
    rewrites.push({
      path: d.path,
      commit: d.commit,
      change: d.now ? 'changed' : 'removed',
      id: r.id,
      type: r.statement.type,
    });
  }
  restored.sort((a, b) => byKey(a.path, b.path) || byKey(a.id, b.id));
  rewrites.sort((a, b) => byKey(a.path, b.path) || byKey(a.commit, b.commit));
  return { restored, rewrites };
};

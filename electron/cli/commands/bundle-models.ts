/**
 * `steward bundle create FILE --with-models`: beside the bundle, the files of every registered
 * version this computer holds in full, in Git LFS's layout (`lfs/objects/…`), so that one folder
 * on a USB stick carries both the group's history and the weights it approved.
 */
import { exportVersion } from '../../core/lfs/export';
import { versionFilesHere } from '../../core/lfs/local';
import type { Ledger } from '../../core/ledger/ledger';
import { loadState, type Runtime } from '../runtime';
import { storeOf } from './model';

export type BundledModels = {
  dir: string;
  exported: { model: string; version: string; files: number; bytes: number }[];
  /** Registered versions left out because some of their files are not on this computer. */
  skipped: string[];
};

export const exportModelsBeside = async (
  rt: Runtime,
  ledger: Ledger,
  dir: string,
): Promise<BundledModels> => {
  const { state } = await loadState(rt, ledger);
  const store = storeOf(rt);
  const out: BundledModels = { dir, exported: [], skipped: [] };
  for (const m of state.models) {
    for (const v of m.versions) {
      if (v.files.length === 0) continue;
      if ((await versionFilesHere(store, v.files)).missing.length > 0) {
        out.skipped.push(`${m.slug}@${v.version}`);
        continue;
      }
      const r = await exportVersion({ store, state, model: m.slug, version: v.version, dir });
      out.exported.push({
        model: m.slug,
        version: v.version,
        files: r.files.length,
        bytes: r.bytes,
      });
    }
  }
  return out;
};

export const describeModels = (m: BundledModels): string =>
  `Models beside it: ${m.exported.map((e) => `${e.model}@${e.version}`).join(', ') || 'none held here in full'}`;

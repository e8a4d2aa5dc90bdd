/**
 * Checks an imported model version against the ledger's record of it: every file hashed again
 * from the store (so a blob changed on disk is caught), then compared with the hash the group
 * approved. Every mismatched, missing or extra file is reported, not just the first.
 */
import { StewardError } from '../../../shared/errors';
import type { DerivedState } from '../../../shared/derive/state';
import type { ModelFile } from '../../../shared/format/types';
import { exists } from '../fs-exists';
import type { Manifest, ModelStore } from './store';

export type Verification = {
  model: string;
  version: string;
  ok: boolean;
  mismatched: { path: string; expected: string; actual: string }[];
  missing: string[];
  extra: string[];
};

/** The files the ledger records for a version, or why there are none. */
export const recordOf = (state: DerivedState, model: string, version: string): ModelFile[] => {
  const view = state.models.find((m) => m.slug === model);
  if (!view) throw new StewardError('not-found', `the group has not registered a model "${model}"`);
  const entry = view.versions.find((v) => v.version === version);
  if (!entry) {
    throw new StewardError(
      'not-found',
      `${model} has no registered version ${version} (registered: ${view.versions.map((v) => v.version).join(', ') || 'none'})`,
    );
  }
  if (entry.files.length === 0)
    throw new StewardError('not-found', `${model}@${version} is registered without file hashes`);
  return entry.files;
};

/**
 * With `rehash: false` each blob is only checked to be present: for a caller that hashes the
 * bytes as it reads them (the inference worker), which is the check that counts.
 */
export const verifyAgainst = async (
  store: ModelStore,
  manifest: Manifest,
  record: ModelFile[],
  { rehash = true }: { rehash?: boolean } = {},
): Promise<Verification> => {
  const local = new Map(manifest.files.map((f) => [f.path, f]));
  const result: Verification = {
    model: manifest.model,
    version: manifest.version,
    ok: false,
    mismatched: [],
    missing: [],
    extra: manifest.files.filter((f) => !record.some((r) => r.path === f.path)).map((f) => f.path),
  };
  for (const r of record) {
    const file = local.get(r.path);
    const actual = !file
      ? undefined
      : rehash
        ? await store.rehash(file.sha256)
        : (await exists(store.blobPath(file.sha256)))
          ? file.sha256
          : undefined;
    if (actual === undefined) result.missing.push(r.path);
    else if (actual !== r.sha256)
      result.mismatched.push({ path: r.path, expected: r.sha256, actual });
  }
  result.ok =
    result.mismatched.length === 0 && result.missing.length === 0 && result.extra.length === 0;
  return result;
};

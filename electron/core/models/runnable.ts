/**
 * Whether a model version may run here. Steward runs only the exact bytes the group approved: the
 * version must be registered and not retired, imported, every local file must hash to its
 * recorded value, and, where the charter asks for it, an `approve-use` of that version must have
 * passed. Anything else is refused with the reason, never run anyway.
 */
import { StewardError } from '../../../shared/errors';
import type { DerivedState } from '../../../shared/derive/state';
import type { ModelStore } from './store';
import type { VerifiedFile } from './inference';
import { verifyAgainst, type Verification } from './verify';

export type NotRunnable =
  'not-registered' | 'retired' | 'not-imported' | 'files-differ' | 'not-approved';

export type Runnable =
  | { runnable: true; verification: Verification }
  | { runnable: false; reason: NotRunnable; message: string; verification?: Verification };

export const checkRunnable = async (
  state: DerivedState,
  store: ModelStore,
  model: string,
  version: string,
  options: { rehash?: boolean } = {},
): Promise<Runnable> => {
  const name = `${model}@${version}`;
  const view = state.models.find((m) => m.slug === model);
  const record = view?.versions.find((v) => v.version === version);
  if (!view || !record || record.files.length === 0) {
    return {
      runnable: false,
      reason: 'not-registered',
      message: `${name} is not a version the group registered with file hashes`,
    };
  }
  if (view.retired)
    return { runnable: false, reason: 'retired', message: `${model} was retired by the group` };
  const imported = (await store.list()).find((m) => m.model === model && m.version === version);
  if (!imported) {
    return {
      runnable: false,
      reason: 'not-imported',
      message: `${name} is not in this machine's model store (steward model import)`,
    };
  }
  const verification = await verifyAgainst(store, imported, record.files, options);
  if (!verification.ok) {
    const changed = [
      ...verification.mismatched.map((m) => m.path),
      ...verification.missing,
      ...verification.extra,
    ];
    return {
      runnable: false,
      reason: 'files-differ',
      message: `${name}'s local files differ from the group's record (${changed.join(', ')})`,
      verification,
    };
  }
  if (state.charter?.requireApproval && !view.approvals.some((a) => a.version === version)) {
    return {
      runnable: false,
      reason: 'not-approved',
      message: `the charter requires approval to use a model, and no approve-use of ${name} has passed`,
      verification,
    };
  }
  return { runnable: true, verification };
};

/** Throws `not-runnable` with the reason unless the version may run. */
export const requireRunnable = async (
  state: DerivedState,
  store: ModelStore,
  model: string,
  version: string,
): Promise<Verification> => {
  const result = await checkRunnable(state, store, model, version);
  if (!result.runnable)
    throw new StewardError('not-runnable', result.message, { reason: result.reason });
  return result.verification;
};

/**
 * The files a run may load, with the hash each must have: the group's record, served from this
 * machine's store. Checked here for everything but the bytes themselves, which the inference
 * worker hashes as it reads them (hashing twice would double the cost of loading a large model).
 */
export const runnableFiles = async (
  state: DerivedState,
  store: ModelStore,
  model: string,
  version: string,
): Promise<VerifiedFile[]> => {
  const result = await checkRunnable(state, store, model, version, { rehash: false });
  if (!result.runnable)
    throw new StewardError('not-runnable', result.message, { reason: result.reason });
  const view = state.models.find((m) => m.slug === model)!;
  const record = view.versions.find((v) => v.version === version)!.files;
  return record.map((f) => ({ path: f.path, sha256: f.sha256, blob: store.blobPath(f.sha256) }));
};

/**
 * A New proposal draft that records an imported version: register-model for a new slug,
 * add-version for a model the group has registered, with every file's path and SHA-256 filled in.
 */
import type { DerivedState } from '../../shared/derive/state';
import { emptyDraft, type Draft } from '../new-proposal/draft';

export type ImportedVersion = {
  model: string;
  version: string;
  files: { path: string; sha256: string }[];
};

export const registrationDraft = (imported: ImportedVersion, state: DerivedState): Draft => {
  const { model, version } = imported;
  const files = imported.files.map(({ path, sha256 }) => ({ path, sha256 }));
  const known = state.models.find((m) => m.slug === model);
  return known
    ? {
        ...emptyDraft,
        kind: 'add-version',
        title: `Add version ${version} of ${known.name}`,
        model,
        version,
        files,
      }
    : {
        ...emptyDraft,
        kind: 'register-model',
        title: `Register ${model}`,
        slug: model,
        name: model,
        version,
        files,
      };
};

import { useState } from 'react';
import type { LocalModelStatus } from '../../shared/api-types';
import { useFeature } from '../app/useStores';
import { useLocalModels } from '../models/useModelStores';
import type { Change, Draft } from './draft';

type Imported = LocalModelStatus & { files: NonNullable<LocalModelStatus['files']> };

const withFiles = (s: LocalModelStatus): s is Imported => s.files !== undefined;

/** What choosing `entry` changes: its files, and the model and version where none is typed yet. */
export const fillPatch = (draft: Draft, entry: Imported): Partial<Draft> => ({
  files: entry.files.map(({ path, sha256 }) => ({ path, sha256 })),
  ...(draft.version.trim() === '' && { version: entry.version }),
  ...(draft.kind === 'register-model' && draft.slug.trim() === '' && { slug: entry.model }),
  ...(draft.kind === 'add-version' && draft.model === '' && { model: entry.model }),
});

/** Fills the Files section from a version imported on this computer: nobody types a hash. */
export const FillFromImport = ({ draft, change }: { draft: Draft; change: Change }) => {
  const [open, setOpen] = useState(false);
  const [filled, setFilled] = useState<string>();
  const statuses = useLocalModels((s) => s.statuses);
  const loaded = useLocalModels((s) => s.loaded);
  const error = useLocalModels((s) => s.error);
  const load = useLocalModels((s) => s.load);
  const imported = statuses.filter(withFiles);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const pick = (key: string) => {
    const entry = imported.find((s) => `${s.model}@${s.version}` === key);
    if (!entry) return;
    change(fillPatch(draft, entry));
    setFilled(`Filled ${entry.files.length} files from ${entry.model} ${entry.version}.`);
    setOpen(false);
  };
  return (
    <div className="stack fill-from-import">
      <div className="buttons">
        <button
          type="button"
          data-testid="fill-from-import"
          aria-expanded={open}
          onClick={() => {
            setOpen(!open);
            setFilled(undefined);
            if (!open) void load();
          }}
        >
          Fill from an imported version
        </button>
        {filled && (
          <span className="muted" role="status">
            {filled}
          </span>
        )}
      </div>
      {open && !loaded && <p className="muted">Looking for imported versions…</p>}
      {open && loaded && error && <p className="hint-bad">{error}</p>}
      {open && loaded && !error && imported.length === 0 && (
        <p className="muted" data-testid="fill-from-import-none">
          {host
            ? 'No version is imported on this computer. Import a model folder on the Models screen first.'
            : 'Imported versions are listed in the app on the host’s computer, where they were imported.'}
        </p>
      )}
      {open && imported.length > 0 && (
        <label>
          Imported version
          <select
            data-testid="fill-from-import-pick"
            value=""
            autoFocus
            onChange={(e) => pick(e.target.value)}
          >
            <option value="">Choose a version imported here</option>
            {imported.map((s) => (
              <option key={`${s.model}@${s.version}`} value={`${s.model}@${s.version}`}>
                {s.model} {s.version} ({s.files.length} files)
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
};

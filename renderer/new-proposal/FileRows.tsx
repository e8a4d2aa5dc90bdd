import type { Change, Draft } from './draft';
import { FillFromImport } from './FillFromImport';

type Props = { draft: Draft; change: Change };

/** The files of a version with their SHA-256: optional, as they may be added later. */
export const FileRows = ({ draft, change }: Props) => {
  const rows = draft.files;
  const edit = (i: number, patch: Partial<Draft['files'][number]>) =>
    change({ files: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="stack">
      <legend>Files (optional)</legend>
      <FillFromImport draft={draft} change={change} />
      {rows.length === 0 && <p className="muted">No files listed: they can be added later.</p>}
      {rows.map((row, i) => (
        <div key={i} className="new-row">
          <label>
            Path
            <input
              data-testid={`new-file-path-${i}`}
              value={row.path}
              placeholder="onnx/model.onnx"
              onChange={(e) => edit(i, { path: e.target.value })}
            />
          </label>
          <label className="new-hash">
            SHA-256
            <input
              data-testid={`new-file-sha-${i}`}
              value={row.sha256}
              placeholder="64 hexadecimal digits"
              spellCheck={false}
              onChange={(e) => edit(i, { sha256: e.target.value })}
            />
          </label>
          <button
            type="button"
            aria-label={`Remove file ${i + 1}`}
            onClick={() => change({ files: rows.filter((_, j) => j !== i) })}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="new-add-file"
        onClick={() => change({ files: [...rows, { path: '', sha256: '' }] })}
      >
        Add file
      </button>
    </fieldset>
  );
};

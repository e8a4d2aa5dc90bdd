import { kindLabel } from '../../shared/format/kind-labels';
import { formatDate } from '../common/format';
import type { DraftRow } from '../data/drafts-db';

type Props = {
  rows: DraftRow[];
  current: string | undefined;
  onResume: (row: DraftRow) => void;
  onDelete: (row: DraftRow) => void;
};

/** The drafts kept on this device, newest first. */
export const DraftList = ({ rows, current, onResume, onDelete }: Props) =>
  rows.length === 0 ? null : (
    <section className="new-drafts" aria-label="Drafts">
      <h2>Drafts on this device</h2>
      <ul>
        {rows.map((row) => (
          <li key={row.id} data-testid="draft-row" data-id={row.id}>
            <span>
              <strong>{row.title.trim() || 'Untitled'}</strong>{' '}
              <span className="muted">
                <span title={row.kind}>{kindLabel(row.kind)}</span> ·{' '}
                {formatDate(new Date(row.updated).toISOString())}
                {row.id === current && ' · editing'}
              </span>
            </span>
            <span className="buttons">
              <button
                type="button"
                data-testid="draft-resume"
                onClick={() => onResume(row)}
                disabled={row.id === current}
              >
                Resume
              </button>
              <button type="button" data-testid="draft-delete" onClick={() => onDelete(row)}>
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );

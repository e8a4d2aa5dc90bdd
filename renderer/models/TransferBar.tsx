import type { Transfer } from './transfer-store';
import { progressWords } from './transfer-words';

/** A fetch or push under way: bytes moved of all, how fast, the time left, the file; and Stop. */
export const TransferBar = ({
  transfer,
  label,
  onStop,
}: {
  transfer: Transfer;
  label: string;
  onStop: () => void;
}) => {
  const p = transfer.progress;
  return (
    <div className="stack transfer-bar" data-testid="transfer-progress">
      <div className="transfer-bar-row">
        <progress
          aria-label={`${label} progress`}
          value={p?.bytes ?? 0}
          max={Math.max(p?.total ?? 0, 1)}
        />
        <button type="button" data-testid="transfer-stop" onClick={onStop}>
          Stop
        </button>
      </div>
      <p className="muted transfer-words" aria-live="polite">
        {p === undefined
          ? `${transfer.kind === 'fetch' ? 'Looking for the files' : 'Starting'}…`
          : `${progressWords(p.bytes, p.total, p.rate)} · ${p.path} ${transfer.kind === 'fetch' ? 'from' : 'to'} ${p.source}`}
      </p>
    </div>
  );
};

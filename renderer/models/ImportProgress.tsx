import type { ImportProgress as Progress } from './import-store';
import { formatRate, formatSize } from './model-format';

/** Bytes copied and hashed so far, how fast, and the file under way. */
export const ImportProgress = ({ progress, busy }: { progress: Progress; busy: boolean }) => {
  const rate = formatRate(progress.bytes, progress.ms);
  return (
    <div className="stack import-progress">
      <progress
        data-testid="import-progress"
        aria-label="Import progress"
        value={progress.bytes}
        max={Math.max(progress.total, 1)}
      />
      <p className="muted" aria-live="polite">
        {formatSize(progress.bytes)} of {formatSize(progress.total)}
        {rate !== undefined && ` · ${rate}`}
        {busy ? ` · ${progress.file}` : ' · done'}
      </p>
    </div>
  );
};

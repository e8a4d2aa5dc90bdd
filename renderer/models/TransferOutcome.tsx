import { ErrorAlert } from '../common/ErrorAlert';
import type { Transfer } from './transfer-store';
import { fetchSummary, pushSummary, refusalWords } from './transfer-words';

/** How the last fetch or push of a version ended, in words: each refused source named with why. */
export const TransferOutcome = ({ transfer }: { transfer: Transfer }) => {
  if (transfer.busy) return null;
  const what = transfer.kind === 'fetch' ? 'The fetch' : 'The push';
  return (
    <div className="stack transfer-outcome" data-testid="transfer-outcome">
      <ErrorAlert message={transfer.error && `${what} failed: ${transfer.error}`} />
      {transfer.stopped && (
        <p className="muted">
          {transfer.kind === 'fetch'
            ? 'Stopped. What was verified is kept; the next fetch goes on from there.'
            : 'Stopped.'}
        </p>
      )}
      {transfer.fetched && <p>{fetchSummary(transfer.fetched)}</p>}
      {transfer.fetched && transfer.fetched.refused.length > 0 && (
        <ul className="transfer-refused" data-testid="transfer-refused">
          {refusalWords(transfer.fetched.refused).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {transfer.pushed && <p>{pushSummary(transfer.pushed)}</p>}
    </div>
  );
};

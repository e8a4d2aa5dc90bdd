import { useFeature } from '../app/useStores';

/** Who is signed in, and the way to lock. */
export const SessionHeader = () => {
  const identity = useFeature('session', (s) => s.view?.identity);
  const member = useFeature('session', (s) => s.view?.member ?? false);
  const lock = useFeature('session', (s) => s.lock);
  const busy = useFeature('session', (s) => s.busy);
  return (
    <div className="session">
      <span>
        {identity ? 'Signed in as ' : 'Viewing '}
        <strong data-testid="session-name">{identity?.name ?? 'read-only'}</strong>
        {identity && !member && <span className="muted"> (not a member)</span>}
      </span>
      <button type="button" onClick={() => void lock()} disabled={busy}>
        Lock
      </button>
    </div>
  );
};

import { useFeature } from '../app/useStores';

/**
 * Who is signed in and the way to lock; a read-only view offers to sign in instead, since it has
 * nothing to lock.
 */
export const SessionHeader = () => {
  const identity = useFeature('session', (s) => s.view?.identity);
  const member = useFeature('session', (s) => s.view?.member ?? false);
  const lock = useFeature('session', (s) => s.lock);
  const signIn = useFeature('session', (s) => s.leaveReadOnly);
  const busy = useFeature('session', (s) => s.busy);
  return (
    <div className="session">
      <span className="session-who">
        {identity ? <span className="wide-only">Signed in as </span> : 'Viewing '}
        <strong data-testid="session-name">{identity?.name ?? 'read-only'}</strong>
        {identity && !member && <span className="muted"> (not a member)</span>}
      </span>
      {identity ? (
        <button type="button" onClick={() => void lock()} disabled={busy}>
          Lock
        </button>
      ) : (
        <button type="button" onClick={signIn}>
          Sign in
        </button>
      )}
    </div>
  );
};

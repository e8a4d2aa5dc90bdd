import { useEffect, type ReactNode } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { HostGate } from '../setup/HostGate';
import { REOPEN } from './ConnectionNotice';
import { JoinForm } from './JoinForm';
import { SignIn } from './SignIn';

/**
 * Shows its children once the client joined and either signed in or chose read-only. The host's
 * own client goes through the guided start instead (HostGate); a participant never sees it. A page
 * whose session a restart forgot is told so: to join or sign in again, or, the host's own page,
 * how to reopen the app.
 */
export const SessionGate = ({ children }: { children: ReactNode }) => {
  const view = useFeature('session', (s) => s.view);
  const admitted = useFeature('session', (s) => s.admitted);
  const readOnly = useFeature('session', (s) => s.readOnly);
  const error = useFeature('session', (s) => s.error);
  const load = useFeature('session', (s) => s.load);
  const restarted = useFeature('session', (s) => s.restarted);
  useEffect(() => {
    void load();
  }, [load]);

  if (restarted === 'host')
    return (
      <main className="gate">
        <h1>Steward was restarted</h1>
        <p role="alert" data-testid="restarted">
          This page belonged to Steward before it was restarted. {REOPEN}
        </p>
      </main>
    );
  const joined = view !== undefined && (!view.needsCode || admitted);
  if (joined && view.host) return <HostGate>{children}</HostGate>;
  if (joined && (view.identity !== undefined || readOnly)) return <>{children}</>;
  return (
    <main className="gate">
      <h1>Steward</h1>
      <ErrorAlert message={error} />
      {restarted === 'session' && (
        <p role="status" data-testid="restarted">
          {joined
            ? 'Steward was restarted, or locked this page after a while unused: sign in again.'
            : 'Steward was restarted, so this page must join again.'}
        </p>
      )}
      {view === undefined ? (
        !error && <p aria-live="polite">Connecting…</p>
      ) : !joined ? (
        <JoinForm />
      ) : (
        <SignIn />
      )}
      {view === undefined && error && (
        <button type="button" onClick={() => void load()}>
          Retry
        </button>
      )}
    </main>
  );
};

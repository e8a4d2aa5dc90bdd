import { useEffect, type ReactNode } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { HostGate } from '../setup/HostGate';
import { JoinForm } from './JoinForm';
import { SignIn } from './SignIn';

/**
 * Shows its children once the client joined and either signed in or chose read-only. The host's
 * own client goes through the guided start instead (HostGate); a participant never sees it.
 */
export const SessionGate = ({ children }: { children: ReactNode }) => {
  const view = useFeature('session', (s) => s.view);
  const admitted = useFeature('session', (s) => s.admitted);
  const readOnly = useFeature('session', (s) => s.readOnly);
  const error = useFeature('session', (s) => s.error);
  const load = useFeature('session', (s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);

  const joined = view !== undefined && (!view.needsCode || admitted);
  if (joined && view.host) return <HostGate>{children}</HostGate>;
  if (joined && (view.identity !== undefined || readOnly)) return <>{children}</>;
  return (
    <main className="gate">
      <h1>Steward</h1>
      <ErrorAlert message={error} />
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

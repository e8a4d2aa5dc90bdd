import { useEffect, type ReactNode } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { SignIn } from '../session/SignIn';
import { CharterDraft } from './CharterDraft';
import { Setup } from './Setup';
import { useApp } from './useApp';

/**
 * The host's own client: the guided start while this machine has no identity or no group, the
 * unlock when it has both (or read-only, if chosen), then the app.
 */
export const HostGate = ({ children }: { children: ReactNode }) => {
  const app = useApp((s) => s.app);
  const error = useApp((s) => s.error);
  const load = useApp((s) => s.load);
  const signedIn = useFeature('session', (s) => s.view?.identity !== undefined);
  const readOnly = useFeature('session', (s) => s.readOnly);
  const sessionError = useFeature('session', (s) => s.error);
  useEffect(() => {
    void load();
  }, [load]);

  if (app === undefined)
    return (
      <main className="gate">
        <h1>Steward</h1>
        <ErrorAlert message={error} />
        {error === undefined ? (
          <p aria-live="polite">Opening…</p>
        ) : (
          <button type="button" onClick={() => void load()}>
            Retry
          </button>
        )}
      </main>
    );
  if (!app.hasIdentity && !signedIn && !readOnly) return <Setup step="identity" />;
  if (!signedIn && !readOnly)
    return (
      <main className="gate">
        <h1>Steward</h1>
        <ErrorAlert message={sessionError} />
        <SignIn />
      </main>
    );
  if (app.group === undefined) return <Setup step="group" />;
  if (app.charterDraft !== undefined) return <CharterDraft />;
  return <>{children}</>;
};

import { useState } from 'react';
import { useClient, useFeature } from '../app/useStores';
import { humanMessage } from '../api/errors';
import { ErrorAlert } from '../common/ErrorAlert';
import { ImportIdentity } from '../setup/IdentityForms';
import { useApp } from '../setup/useApp';
import { download } from '../common/files';

/** `Alice Smith` → `Alice-Smith.steward-identity.json`: safe on every file system. */
export const identityFileName = (name: string): string =>
  `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '') || 'identity'}.steward-identity.json`;

const ExportIdentity = () => {
  const client = useClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { identity, name } = await client.invoke('identity:export', {});
      download(identityFileName(name), identity, 'application/json');
    } catch (e) {
      setError(humanMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <p className="muted">
        The file is sealed with your passphrase. Keep it somewhere safe, or bring it to a review
        session on another machine.
      </p>
      <ErrorAlert message={error} />
      <div className="buttons">
        <button
          data-testid="identity-export"
          type="button"
          disabled={busy}
          onClick={() => void save()}
        >
          Export identity file
        </button>
      </div>
    </div>
  );
};

export const IdentitySettings = () => {
  const signedIn = useFeature('session', (s) => s.view?.identity);
  const local = useFeature('session', (s) => s.view?.localIdentity);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const hasIdentity = useApp((s) => s.app?.hasIdentity);
  const identity = signedIn ?? local;
  return (
    <section className="card stack" aria-labelledby="settings-identity">
      <h2 id="settings-identity">Identity</h2>
      {identity === undefined ? (
        <p className="muted">{host ? 'This machine has no identity yet.' : 'Not signed in.'}</p>
      ) : (
        <dl className="figures settings-identity">
          <dt>Name</dt>
          <dd data-testid="settings-identity-name">{identity.name}</dd>
          <dt>Id</dt>
          <dd className="mono">{identity.id}</dd>
          <dt>Public key</dt>
          <dd className="mono" data-testid="settings-identity-key">
            {identity.publicKey}
          </dd>
        </dl>
      )}
      {host && hasIdentity === true && <ExportIdentity />}
      {host && hasIdentity === false && <ImportIdentity />}
      <p className="muted">
        To replace your key with a new one (if it may have leaked), run{' '}
        <code>steward identity rotate</code> on the command line; the app does not rotate keys yet.
      </p>
    </section>
  );
};

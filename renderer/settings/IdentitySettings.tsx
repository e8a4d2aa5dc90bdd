import { useState } from 'react';
import { useClient, useFeature } from '../app/useStores';
import { humanMessage } from '../api/errors';
import { ErrorAlert } from '../common/ErrorAlert';
import { ImportIdentity } from '../setup/IdentityForms';
import { useApp } from '../setup/useApp';
import { download } from '../common/files';
import { keyFingerprint } from '../decides/words';

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

/** A new key for this machine's identity, announced to the group under the old one. */
const RotateKey = ({ group }: { group: string }) => {
  const client = useClient();
  const reload = useFeature('session', (s) => s.load);
  const [passphrase, setPassphrase] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rotate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const view = await client.invoke('identity:rotate', { passphrase });
      setDone(view.identity?.publicKey);
      setPassphrase('');
      setConfirming(false);
      await reload();
    } catch (e) {
      setError(humanMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (confirming) void rotate();
        else setConfirming(true);
      }}
    >
      <h3>Replace your key</h3>
      <p className="muted">
        If your key may have leaked: a new key replaces it, and {group} learns the new one from a
        statement signed with the old. Statements you signed before stay valid. Another group you
        belong to keeps the old key until you open it and replace the key there too.
      </p>
      <ErrorAlert message={error} />
      {done && (
        <p role="status" data-testid="rotate-done">
          Your new key&apos;s fingerprint is <span className="mono">{keyFingerprint(done)}</span>.
        </p>
      )}
      <label>
        Passphrase
        <input
          data-testid="rotate-passphrase"
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      <div className="buttons">
        <button data-testid="rotate-submit" type="submit" disabled={busy || passphrase === ''}>
          {confirming ? 'Yes, replace my key now' : 'Replace my key…'}
        </button>
        {confirming && (
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
};

export const IdentitySettings = () => {
  const signedIn = useFeature('session', (s) => s.view?.identity);
  const local = useFeature('session', (s) => s.view?.localIdentity);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const hasIdentity = useApp((s) => s.app?.hasIdentity);
  const member = useFeature('session', (s) => s.view?.member ?? false);
  const group = useApp((s) => s.app?.group?.name) ?? 'the group';
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
          <dt>Key fingerprint</dt>
          <dd className="mono" data-testid="settings-identity-fingerprint">
            {keyFingerprint(identity.publicKey)}
          </dd>
          <dt>Public key</dt>
          <dd className="mono" data-testid="settings-identity-key">
            {identity.publicKey}
          </dd>
        </dl>
      )}
      {identity !== undefined && (
        <p className="muted">
          A founder of a new group pastes your public key into their form; members compare the
          fingerprint with the one on their Members screen.
        </p>
      )}
      {host && hasIdentity === true && <ExportIdentity />}
      {host && hasIdentity === false && <ImportIdentity />}
      {host && hasIdentity === true && signedIn !== undefined && member && (
        <RotateKey group={group} />
      )}
      {host && signedIn !== undefined && !member && (
        <p className="muted" data-testid="rotate-not-member">
          To replace your key, open a group you are a member of: the group learns the new key from
          you.
        </p>
      )}
      <RememberedPassphrase />
    </section>
  );
};

/** The desktop app's keychain keeps the passphrase: say so, and offer to forget it. */
const RememberedPassphrase = () => {
  const memory = useFeature('session', (s) => s.view?.passphrase);
  const forget = useFeature('session', (s) => s.forget);
  const busy = useFeature('session', (s) => s.busy);
  if (!memory?.remembered) return null;
  return (
    <div className="stack" data-testid="settings-remembered">
      <p className="muted">
        This computer remembers your passphrase (encrypted by the system&apos;s keychain) and
        unlocks your key when the app starts.
      </p>
      <div className="buttons">
        <button
          type="button"
          data-testid="settings-forget-passphrase"
          disabled={busy}
          onClick={() => void forget()}
        >
          Forget the passphrase
        </button>
      </div>
    </div>
  );
};

import { useState, type FormEvent } from 'react';
import { useFeature } from '../app/useStores';

const UnlockLocal = ({ name }: { name: string }) => {
  const unlock = useFeature('session', (s) => s.unlock);
  const busy = useFeature('session', (s) => s.busy);
  const memory = useFeature('session', (s) => s.view?.passphrase);
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void unlock(passphrase, memory?.canRemember ? remember : undefined);
  };
  return (
    <form onSubmit={submit} className="card stack">
      <h2>Unlock {name}</h2>
      <label>
        Passphrase
        <input
          data-testid="signin-passphrase"
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoFocus
        />
      </label>
      {memory?.canRemember && (
        <label className="option">
          <input
            data-testid="signin-remember"
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          Remember on this computer (kept encrypted by the system&apos;s keychain)
        </label>
      )}
      <button
        data-testid="signin-unlock"
        type="submit"
        className="primary"
        disabled={busy || passphrase === ''}
      >
        Unlock
      </button>
    </form>
  );
};

/** `main`: the only way in on this machine, so its button is the screen's primary one. */
const UnlockFile = ({ main }: { main: boolean }) => {
  const unlockFile = useFeature('session', (s) => s.unlockFile);
  const busy = useFeature('session', (s) => s.busy);
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === undefined) return;
    await unlockFile(await file.text(), passphrase);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card stack">
      <h2>Bring your identity file</h2>
      <label>
        Identity file
        <input
          data-testid="signin-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => setFile(e.target.files?.[0])}
        />
      </label>
      <label>
        Passphrase
        <input
          data-testid="signin-file-passphrase"
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      <button
        data-testid="signin-file-unlock"
        type="submit"
        {...(main && { className: 'primary' })}
        disabled={busy || file === undefined || passphrase === ''}
      >
        Unlock file
      </button>
    </form>
  );
};

/** Sign in with this machine's identity or a brought file, or look on read-only. */
export const SignIn = () => {
  const local = useFeature('session', (s) => s.view?.localIdentity);
  const continueReadOnly = useFeature('session', (s) => s.continueReadOnly);
  return (
    <div className="stack">
      {local && <UnlockLocal name={local.name} />}
      <UnlockFile main={local === undefined} />
      <button data-testid="signin-readonly" type="button" onClick={continueReadOnly}>
        Continue read-only
      </button>
    </div>
  );
};

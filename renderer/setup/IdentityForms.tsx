import { useState, type FormEvent } from 'react';
import { useFeature } from '../app/useStores';
import { useApp } from './useApp';

const MIN_PASSPHRASE = 8;

/** Why the passphrases cannot be used yet, or undefined when they can. */
export const passphraseProblem = (passphrase: string, again: string): string | undefined => {
  if (passphrase.length < MIN_PASSPHRASE)
    return `The passphrase needs at least ${MIN_PASSPHRASE} characters.`;
  if (passphrase !== again) return 'The two passphrases differ.';
  return undefined;
};

/** A new key for this machine, sealed with a passphrase; it is unlocked at once. */
export const CreateIdentity = () => {
  const create = useApp((s) => s.createIdentity);
  const busy = useApp((s) => s.busy);
  const reloadSession = useFeature('session', (s) => s.load);
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const problem = passphraseProblem(passphrase, again);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem !== undefined || name.trim() === '') return;
    if (await create(name.trim(), passphrase)) await reloadSession();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card stack" aria-labelledby="create-id">
      <h2 id="create-id">Create your identity</h2>
      <p className="muted">
        A signing key that stays on this machine. Your name is what the group sees beside your
        proposals and votes.
      </p>
      <label>
        Your name
        <input
          data-testid="setup-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          autoComplete="name"
          autoFocus
          required
        />
      </label>
      <label>
        Passphrase (at least {MIN_PASSPHRASE} characters)
        <input
          data-testid="setup-passphrase"
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoComplete="new-password"
        />
      </label>
      <label>
        The same passphrase again
        <input
          data-testid="setup-passphrase-again"
          type="password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          autoComplete="new-password"
        />
      </label>
      {tried && problem !== undefined && (
        <p role="alert" className="error" data-testid="setup-passphrase-problem">
          {problem}
        </p>
      )}
      <p className="muted">
        Nobody can recover a forgotten passphrase. Export your identity from Settings afterwards to
        keep a copy.
      </p>
      <button data-testid="setup-create" type="submit" disabled={busy || name.trim() === ''}>
        Create identity
      </button>
    </form>
  );
};

/** An identity exported on another machine becomes this machine's. */
export const ImportIdentity = () => {
  const importIdentity = useApp((s) => s.importIdentity);
  const busy = useApp((s) => s.busy);
  const reloadSession = useFeature('session', (s) => s.load);
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === undefined) return;
    if (await importIdentity(await file.text(), passphrase)) await reloadSession();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="card stack" aria-labelledby="import-id">
      <h2 id="import-id">Or bring one you exported</h2>
      <label>
        Identity file (.steward-identity.json)
        <input
          data-testid="setup-import-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => setFile(e.target.files?.[0])}
        />
      </label>
      <label>
        Its passphrase
        <input
          data-testid="setup-import-passphrase"
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoComplete="current-password"
        />
      </label>
      <button
        data-testid="setup-import"
        type="submit"
        disabled={busy || file === undefined || passphrase === ''}
      >
        Import identity
      </button>
    </form>
  );
};

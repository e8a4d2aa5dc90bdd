import { useState, type FormEvent } from 'react';
import { useFeature } from '../app/useStores';

/** A browser on the room's network first proves it saw the host's session code. */
export const JoinForm = () => {
  const join = useFeature('session', (s) => s.join);
  const busy = useFeature('session', (s) => s.busy);
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void join(code.trim());
  };
  return (
    <form onSubmit={submit} className="card stack">
      <h2>Join the session</h2>
      <label>
        Session code shown on the host&apos;s screen
        <input
          data-testid="join-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoFocus
          required
        />
      </label>
      <button
        data-testid="join-submit"
        type="submit"
        className="primary"
        disabled={busy || code.trim() === ''}
      >
        Join
      </button>
    </form>
  );
};

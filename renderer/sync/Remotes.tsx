import { useState, type FormEvent } from 'react';
import { useNow } from '../common/useNow';
import { syncStatusText } from './sync-status';
import { useSync } from './useSync';

const AddRemote = () => {
  const addRemote = useSync((s) => s.addRemote);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    if (await addRemote(name.trim(), url.trim())) {
      setName('');
      setUrl('');
    }
    setBusy(false);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="remote-add">
      <label>
        Name
        <input
          data-testid="remote-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,62}"
          title="Letters, digits, dots, dashes and underscores"
          placeholder="origin"
          required
        />
      </label>
      <label>
        URL
        <input
          data-testid="remote-url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://git.example.org/guild.git"
          required
        />
      </label>
      <button
        data-testid="remote-add"
        type="submit"
        disabled={busy || name.trim() === '' || url.trim() === ''}
      >
        Add remote
      </button>
    </form>
  );
};

/** The repo's named remotes (git's own config), and a way to name one more. */
export const Remotes = ({ onPick }: { onPick: (name: string) => void }) => {
  const remotes = useSync((s) => s.remotes);
  const now = useNow();
  return (
    <section className="card stack" aria-labelledby="sync-remotes">
      <h2 id="sync-remotes">Remotes</h2>
      {remotes === undefined ? (
        <p className="muted">Loading…</p>
      ) : remotes.length === 0 ? (
        <p className="muted">No remotes yet: add a git server or a peer&apos;s address.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">Sync</th>
            </tr>
          </thead>
          <tbody>
            {remotes.map((r) => (
              <tr key={r.name} data-testid="remote-row">
                <td>{r.name}</td>
                <td className="mono">{r.url}</td>
                <td className="muted" data-testid="remote-status">
                  {syncStatusText(r.status, now)}
                </td>
                <td>
                  <button type="button" onClick={() => onPick(r.name)}>
                    Use {r.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddRemote />
    </section>
  );
};

import { useState, type FormEvent } from 'react';
import { useSync } from './useSync';

/** Names one more remote: a git server's or a peer's address, or a repo folder on this machine. */
export const AddRemote = () => {
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
        Address or folder
        <input
          data-testid="remote-url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://git.example.org/guild.git or /media/usb/guild"
          title="An http(s) address, or the full path of a group's folder on this machine"
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

import { useState, type FormEvent } from 'react';
import { useSync } from './useSync';

const Progress = () => {
  const running = useSync((s) => s.running);
  if (running === undefined) return null;
  const p = running.progress;
  return (
    <div className="sync-progress" data-testid="sync-progress" role="status" aria-live="polite">
      <span>
        Syncing with {running.target}
        {p ? `: ${p.phase}` : '…'}
        {p && p.total > 0 && ` ${p.done} of ${p.total}`}
      </span>
      {p && p.total > 0 ? <progress value={p.done} max={p.total} /> : <progress />}
    </div>
  );
};

/** A sync with one target: a remote's name, a peer's address, a folder or a bundle path. */
export const SyncNow = () => {
  const [target, setTarget] = useState('');
  const run = useSync((s) => s.run);
  const running = useSync((s) => s.running !== undefined);
  const remotes = useSync((s) => s.remotes);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target.trim() !== '') void run(target.trim());
  };
  return (
    <section className="card stack" aria-labelledby="sync-now">
      <h2 id="sync-now">Sync now</h2>
      <form onSubmit={submit} className="sync-form">
        <label>
          With
          <input
            data-testid="sync-target"
            list="sync-remote-names"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="origin, http://192.168.1.20:7420/, /media/usb/guild.bundle"
            required
          />
        </label>
        <datalist id="sync-remote-names">
          {remotes?.map((r) => (
            <option key={r.name} value={r.name} />
          ))}
        </datalist>
        <button
          data-testid="sync-submit"
          type="submit"
          className="primary"
          disabled={running || target.trim() === ''}
        >
          Sync now
        </button>
      </form>
      <p className="muted">
        A remote&apos;s name, a peer&apos;s address, a repo folder or a .bundle file on this
        machine. What comes in is checked before it counts; ours is pushed back where the other side
        accepts it.
      </p>
      <Progress />
    </section>
  );
};

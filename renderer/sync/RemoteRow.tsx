import { useState } from 'react';
import type { RemoteView } from '../../shared/api-types';
import { syncStatusText } from './sync-status';
import { useSync } from './useSync';

/** One remote: where this repo stands with it, a sync with it, and removing it after asking. */
export const RemoteRow = ({ remote, now }: { remote: RemoteView; now: number }) => {
  const run = useSync((s) => s.run);
  const removeRemote = useSync((s) => s.removeRemote);
  const running = useSync((s) => s.running !== undefined);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    if (!(await removeRemote(remote.name))) setBusy(false);
  };
  return (
    <tr data-testid="remote-row">
      <td>{remote.name}</td>
      <td className="mono remote-url">{remote.url}</td>
      <td className="muted" data-testid="remote-status">
        {syncStatusText(remote.status, now)}
      </td>
      <td className="remote-actions">
        {confirming ? (
          <span className="remote-confirm" role="group" aria-label={`Remove ${remote.name}?`}>
            <span>Forget {remote.name}? Nothing in the group changes.</span>
            <button
              type="button"
              data-testid="remote-remove-confirm"
              disabled={busy}
              onClick={() => void remove()}
            >
              Yes, remove {remote.name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <>
            <button
              type="button"
              data-testid="remote-sync"
              disabled={running}
              title={`Sync with ${remote.name} now`}
              onClick={() => void run(remote.name)}
            >
              Sync
            </button>
            <button
              type="button"
              data-testid="remote-remove"
              className="remote-remove"
              onClick={() => setConfirming(true)}
            >
              Remove
            </button>
          </>
        )}
      </td>
    </tr>
  );
};

import { useState } from 'react';
import { useReview } from './useReview';

/**
 * The host's switch for the room: "Host this session" asks once, in words, before the app opens
 * to the network; "Stop hosting" closes it again. Nothing opens without that confirmation.
 */
export const HostControls = () => {
  const join = useReview((s) => s.join);
  const busy = useReview((s) => s.busy);
  const host = useReview((s) => s.host);
  const [asking, setAsking] = useState(false);
  if (!join?.canHost) return null;
  if (join.hosting)
    return (
      <div className="host-controls">
        <button type="button" disabled={busy} onClick={() => void host(false)}>
          Stop hosting
        </button>
        <p className="muted">Closes Steward to the network; people in the room are signed out.</p>
      </div>
    );
  if (!asking)
    return (
      <div className="host-controls">
        <p className="muted">Only this computer can reach Steward now.</p>
        <button type="button" className="primary" onClick={() => setAsking(true)}>
          Host this session
        </button>
      </div>
    );
  return (
    <div className="host-controls host-confirm" role="group" aria-labelledby="host-confirm-text">
      <p id="host-confirm-text">
        Open Steward to this network? Other devices on this network will be able to reach Steward
        with the session code shown here, until you stop hosting.
      </p>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void host(true).then(() => setAsking(false))}
        >
          Open to this network
        </button>
        <button type="button" disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
};

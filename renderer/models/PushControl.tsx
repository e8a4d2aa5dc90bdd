import { useState } from 'react';
import type { RemoteView } from '../../shared/api-types';
import { useModelTransfers } from './useModelStores';

/** A member uploads a version's files to one of the group's remotes, for members who cannot reach this computer. */
export const PushControl = ({
  model,
  version,
  remotes,
  busy,
}: {
  model: string;
  version: string;
  remotes: RemoteView[];
  busy: boolean;
}) => {
  const push = useModelTransfers((s) => s.push);
  const [remote, setRemote] = useState('');
  const chosen = remotes.some((r) => r.name === remote) ? remote : (remotes[0]?.name ?? '');
  if (remotes.length === 0) return null;
  return (
    <form
      className="push-control"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== '') void push(model, version, chosen);
      }}
    >
      <button type="submit" data-testid={`push-${version}`} disabled={busy || chosen === ''}>
        Push to
      </button>
      <select
        aria-label={`The remote to push ${model} ${version} to`}
        data-testid={`push-remote-${version}`}
        value={chosen}
        onChange={(e) => setRemote(e.target.value)}
      >
        {remotes.map((r) => (
          <option key={r.name} value={r.name}>
            {r.name}
          </option>
        ))}
      </select>
    </form>
  );
};

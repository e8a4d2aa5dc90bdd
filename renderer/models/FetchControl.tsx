import { useState } from 'react';
import { useLocalModels, useModelTransfers } from './useModelStores';

/**
 * Fetch a version's missing files: from the group's remotes in turn, or from a source the user
 * names (a remote, a peer's address, a folder such as a USB stick's).
 */
export const FetchControl = ({
  model,
  version,
  busy,
}: {
  model: string;
  version: string;
  busy: boolean;
}) => {
  const fetchFiles = useModelTransfers((s) => s.fetch);
  const reload = useLocalModels((s) => s.load);
  const [from, setFrom] = useState('');
  const go = async (source?: string) => {
    await fetchFiles(model, version, source);
    // Whatever came in before a stop or a refusal is kept: ask what is here now, either way.
    await reload();
  };
  return (
    <div className="fetch-control">
      <button
        type="button"
        data-testid={`fetch-${version}`}
        disabled={busy}
        aria-label={`Fetch the files of ${model} ${version} from the group's remotes`}
        onClick={() => void go()}
      >
        Fetch
      </button>
      <details className="fetch-from">
        <summary>From another source</summary>
        <form
          className="fetch-from-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (from.trim() !== '') void go(from.trim());
          }}
        >
          <label>
            A remote&apos;s name, a peer&apos;s address or a folder
            <input
              data-testid={`fetch-from-${version}`}
              value={from}
              placeholder="/media/usb/models"
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy || from.trim() === ''}>
            Fetch from there
          </button>
        </form>
      </details>
    </div>
  );
};

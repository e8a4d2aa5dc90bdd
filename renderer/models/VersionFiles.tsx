import type { LocalModelStatus, RemoteView } from '../../shared/api-types';
import { useFeature } from '../app/useStores';
import { FetchControl } from './FetchControl';
import { PushControl } from './PushControl';
import { TransferBar } from './TransferBar';
import { TransferOutcome } from './TransferOutcome';
import { versionKey } from './model-format';
import { filesHereWords } from './transfer-words';
import { useModelTransfers } from './useModelStores';

/**
 * Whether a registered version's files are on this computer ("All 8 files here", "3 of 8 files
 * missing, 412 MB"); for the host, Fetch what is missing, and for a member, Push to a remote.
 */
export const VersionFiles = ({
  model,
  version,
  status,
  remotes,
}: {
  model: string;
  version: string;
  status: LocalModelStatus | undefined;
  remotes: RemoteView[];
}) => {
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const member = useFeature('session', (s) => s.view?.member ?? false);
  const transfer = useModelTransfers((s) => s.transfers[versionKey(model, version)]);
  const stop = useModelTransfers((s) => s.stop);
  if (status?.filesTotal === undefined || status.filesHere === undefined) return null;
  const missing = status.filesTotal - status.filesHere;
  const busy = transfer?.busy ?? false;
  return (
    <div className="stack version-files">
      <div className="version-files-row">
        <span
          className={missing > 0 ? 'files-missing' : 'files-here'}
          data-testid="files-here"
          data-version={version}
          data-missing={missing}
        >
          {filesHereWords(
            status.filesHere,
            status.filesTotal,
            status.missingBytes,
            host ? 'here' : "on the host's computer",
          )}
        </span>
        {host && missing > 0 && <FetchControl model={model} version={version} busy={busy} />}
        {host && member && missing === 0 && (
          <PushControl model={model} version={version} remotes={remotes} busy={busy} />
        )}
      </div>
      {transfer?.busy && (
        <TransferBar
          transfer={transfer}
          label={transfer.kind === 'fetch' ? 'Fetch' : 'Push'}
          onStop={() => void stop(model, version)}
        />
      )}
      {transfer && <TransferOutcome transfer={transfer} />}
    </div>
  );
};

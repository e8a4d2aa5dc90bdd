import type { DerivedState, ModelView } from '../../shared/derive/state';
import type { LocalModelStatus, RemoteView } from '../../shared/api-types';
import { ErrorAlert } from '../common/ErrorAlert';
import { FileHashes } from './FileHashes';
import { ProposalLink } from './ProposalLink';
import { StatusBadge } from './StatusBadge';
import { VerifyResult } from './VerifyResult';
import { VersionFiles } from './VersionFiles';
import { versionKey } from './model-format';
import { useLocalModels } from './useModelStores';
import { useSync } from '../sync/useSync';

type Version = ModelView['versions'][number];

const noRemotes: RemoteView[] = [];

/** One registered version: its local status, where it came from, what it is for, its files. */
export const VersionItem = ({
  state,
  model,
  version,
  status,
}: {
  state: DerivedState;
  model: ModelView;
  version: Version;
  status: LocalModelStatus | undefined;
}) => {
  const key = versionKey(model.slug, version.version);
  const check = useLocalModels((s) => s.checks[key]);
  const checking = useLocalModels((s) => s.checking[key] ?? false);
  const checkError = useLocalModels((s) => s.checkErrors[key]);
  const verify = useLocalModels((s) => s.verify);
  const approvals = model.approvals.filter((a) => a.version === version.version);
  const remotes = useSync((s) => s.remotes) ?? noRemotes;
  return (
    <li className="model-version stack">
      <div className="model-version-head">
        <h3>
          <code>{version.version}</code>
        </h3>
        <StatusBadge version={version.version} status={status} />
        <button
          type="button"
          data-testid={`verify-${version.version}`}
          disabled={checking}
          aria-label={`Verify the files of ${model.slug} ${version.version}`}
          onClick={() => void verify(model.slug, version.version)}
        >
          {checking ? 'Verifying…' : 'Verify files'}
        </button>
      </div>
      <p className="muted lineage">
        Added by <ProposalLink state={state} id={version.proposal} />
        {approvals.length > 0 && (
          <>
            {' · Approved for '}
            {approvals.map((a, i) => (
              <span key={a.proposal}>
                {i > 0 && ', '}“{a.purpose}” (<ProposalLink state={state} id={a.proposal} />)
              </span>
            ))}
          </>
        )}
      </p>
      <VersionFiles
        model={model.slug}
        version={version.version}
        status={status}
        remotes={remotes}
      />
      <FileHashes files={version.files} caption={`Files of ${key}`} />
      <ErrorAlert message={checkError} />
      {check && <VerifyResult check={check} />}
    </li>
  );
};

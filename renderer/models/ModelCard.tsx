import type { LocalModelStatus } from '../../shared/api-types';
import type { DerivedState, ModelView } from '../../shared/derive/state';
import { nameOf, percent } from '../common/format';
import { ProposalLink } from './ProposalLink';
import { VersionItem } from './VersionItem';

/** A registered model: licence, owners and their shares, then each version. */
export const ModelCard = ({
  state,
  model,
  statuses,
}: {
  state: DerivedState;
  model: ModelView;
  statuses: LocalModelStatus[];
}) => {
  const shares = model.owners.reduce((n, o) => n + o.shares, 0);
  return (
    <article
      className="card stack model-card"
      data-testid="model-row"
      data-slug={model.slug}
      aria-labelledby={`model-${model.slug}`}
    >
      <header className="model-head">
        <h2 id={`model-${model.slug}`}>
          {model.name} <code className="muted">{model.slug}</code>
        </h2>
        {model.retired && <span className="badge badge-retired">retired</span>}
      </header>
      <dl className="figures">
        <dt>Licence</dt>
        <dd>{model.license}</dd>
        <dt>Owners</dt>
        <dd>
          {model.owners.length === 0
            ? '—'
            : model.owners
                .map(
                  (o) => `${nameOf(state, o.member)} ${o.shares} (${percent(o.shares, shares)}%)`,
                )
                .join(' · ')}
        </dd>
        <dt>Registered through</dt>
        <dd>
          <ProposalLink state={state} id={model.registeredBy} />
        </dd>
      </dl>
      {model.versions.length === 0 ? (
        <p className="muted">No versions yet.</p>
      ) : (
        <ul className="model-versions">
          {model.versions.map((v) => (
            <VersionItem
              key={v.version}
              state={state}
              model={model}
              version={v}
              status={statuses.find((s) => s.model === model.slug && s.version === v.version)}
            />
          ))}
        </ul>
      )}
    </article>
  );
};

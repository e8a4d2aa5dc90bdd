import type { ReactNode } from 'react';
import type { CreateArg } from '../../shared/api-channels';
import type { DerivedState } from '../../shared/derive/state';
import type { ModelFile } from '../../shared/format/types';
import { nameOf, percent } from '../common/format';
import { describeKey, describeValue } from './charter-rows';

type Props = { request: CreateArg; state: DerivedState };

const Files = ({ files }: { files: ModelFile[] | undefined }) =>
  files && files.length > 0 ? (
    <>
      <dt>Files</dt>
      <dd>
        <ul className="new-files">
          {files.map((f) => (
            <li key={f.path}>
              {f.path} <code>{f.sha256}</code>
            </li>
          ))}
        </ul>
      </dd>
    </>
  ) : null;

/** A proposal's params as a person reads them: names for member ids, totals for shares. */
export const ParamsView = ({ request, state }: Props) => {
  const who = (id: string) => nameOf(state, id);
  const row = (term: string, value: ReactNode) => (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
  const body = (() => {
    switch (request.kind) {
      case 'add-member':
        return (
          <>
            {row('Name', request.params.name)}
            {row('Public key', <code>{request.params.key}</code>)}
          </>
        );
      case 'remove-member':
        return row('Member', who(request.params.member));
      case 'amend-charter':
        return row(
          'Changes',
          <ul>
            {request.params.changes.map((c) => (
              <li key={c.key}>
                {describeKey(c.key)} → <strong>{describeValue(c)}</strong>
              </li>
            ))}
          </ul>,
        );
      case 'register-model': {
        const { model, name, license, owners, version, files } = request.params;
        const total = owners.reduce((sum, o) => sum + o.shares, 0);
        return (
          <>
            {row('Model', `${name} (${model})`)}
            {row('Licence', license)}
            {row(
              'Owners',
              <ul data-testid="preview-owners">
                {owners.map((o) => (
                  <li key={o.member}>
                    {who(o.member)}: {o.shares.toLocaleString()} shares ({percent(o.shares, total)}
                    %)
                  </li>
                ))}
              </ul>,
            )}
            {row('Total shares', total.toLocaleString())}
            {version !== undefined && row('First version', version)}
            <Files files={files} />
          </>
        );
      }
      case 'add-version':
        return (
          <>
            {row('Model', request.params.model)}
            {row('Version', request.params.version)}
            <Files files={request.params.files} />
          </>
        );
      case 'transfer-shares': {
        const { model, from, to, shares } = request.params;
        return (
          <>
            {row('Model', model)}
            {row('Shares', `${shares.toLocaleString()} from ${who(from)} to ${who(to)}`)}
          </>
        );
      }
      case 'set-license': {
        const before = state.models.find((m) => m.slug === request.params.model)?.license;
        return (
          <>
            {row('Model', request.params.model)}
            {row('Licence', `${request.params.license}${before ? ` (now ${before})` : ''}`)}
          </>
        );
      }
      case 'approve-use':
        return (
          <>
            {row('Model', `${request.params.model} ${request.params.version}`)}
            {row('Purpose', request.params.purpose)}
          </>
        );
      case 'retire-model':
        return row('Model', request.params.model);
      case 'poll':
        return (
          <>
            {row(
              'Options',
              <ol>
                {request.params.options.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ol>,
            )}
            {row('Method', request.params.method === 'ranked' ? 'Ranked choice' : 'Approval')}
          </>
        );
      case 'resolution':
        return row('Params', 'none: a resolution is decided on its text');
    }
  })();
  return (
    <dl className="new-params" data-testid="preview-params">
      {body}
    </dl>
  );
};

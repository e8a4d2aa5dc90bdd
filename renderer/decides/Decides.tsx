/**
 * What a proposal decides, in words: the same block before signing (the new-proposal preview) and
 * on the proposal page. Members by name with their key's fingerprint, charter settings old → new,
 * a model's licence, owners and files, a transfer's giver and receiver, a use's purpose, a poll's
 * options. An open proposal (or one not yet made) compares with the state now; a closed one says
 * what it asked for and, where the state has moved since, what holds today.
 */
import type { ReactNode } from 'react';
import type { DerivedState, Status } from '../../shared/derive/state';
import type { ProposalKind } from '../../shared/format/kinds';
import type { ModelFile, ProposalParams } from '../../shared/format/types';
import { nameOf, percent } from '../common/format';
import { fileSize, keyFingerprint, settingRows } from './words';
import './decides.css';

type Decision = { [K in ProposalKind]: { kind: K; params: ProposalParams[K] } }[ProposalKind];

type Props = {
  /** A proposal's kind and params; a status other than open marks it as decided already. */
  proposal: { kind: ProposalKind; params: unknown; status?: Status };
  state: DerivedState;
  /** Test ids for the block and its owners list (the preview keeps its own). */
  ids?: { root: string; owners: string };
};

type SizedFile = ModelFile & { size?: number };

const Files = ({ files }: { files: SizedFile[] | undefined }) =>
  files && files.length > 0 ? (
    <>
      <dt>Files</dt>
      <dd>
        <ul className="decides-files" data-testid="decides-files">
          {files.map((f) => (
            <li key={f.path}>
              <span className="decides-path">{f.path}</span>
              {typeof f.size === 'number' && (
                <span className="muted"> {fileSize(f.size)}</span>
              )}{' '}
              <code title="SHA-256">{f.sha256}</code>
            </li>
          ))}
        </ul>
      </dd>
    </>
  ) : null;

const Key = ({ value }: { value: string }) => (
  <code className="decides-key" title={value}>
    {keyFingerprint(value)}
  </code>
);

export const Decides = ({ proposal, state, ids }: Props) => {
  const decision = proposal as Decision;
  const open = proposal.status === undefined || proposal.status === 'open';
  const who = (id: string) => nameOf(state, id);
  const modelName = (slug: string) => {
    const m = state.models.find((x) => x.slug === slug);
    return m ? `${m.name} (${slug})` : slug;
  };
  const row = (term: string, value: ReactNode) => (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
  const body = (() => {
    switch (decision.kind) {
      case 'add-member':
        return (
          <>
            {row('Joins', decision.params.name)}
            {row('Key fingerprint', <Key value={decision.params.key} />)}
          </>
        );
      case 'remove-member': {
        const member = state.members.find((m) => m.id === decision.params.member);
        return (
          <>
            {row('Leaves', who(decision.params.member))}
            {member && row('Key fingerprint', <Key value={member.publicKey} />)}
          </>
        );
      }
      case 'amend-charter':
        return row(
          'Changes',
          <ul data-testid="decides-changes">
            {settingRows(decision.params.changes, state.charter).map((r) => (
              <li key={r.key} title={r.key}>
                {r.name}:{' '}
                {open ? (
                  <>
                    {r.before !== undefined && <>{r.before} → </>}
                    <strong>{r.after}</strong>
                  </>
                ) : (
                  <>
                    <strong>{r.after}</strong>
                    {r.before !== undefined && r.before !== r.after && (
                      <span className="muted"> (today: {r.before})</span>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>,
        );
      case 'register-model': {
        const { model, name, license, owners, version, files } = decision.params;
        const total = owners.reduce((sum, o) => sum + o.shares, 0);
        return (
          <>
            {row('Model', `${name} (${model})`)}
            {row('Licence', license)}
            {row(
              'Owners',
              <ul data-testid={ids?.owners ?? 'decides-owners'}>
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
            {row('Model', modelName(decision.params.model))}
            {row('Version', decision.params.version)}
            <Files files={decision.params.files} />
          </>
        );
      case 'transfer-shares': {
        const { model, from, to, shares } = decision.params;
        const held = state.models
          .find((m) => m.slug === model)
          ?.owners.find((o) => o.member === from)?.shares;
        return (
          <>
            {row('Model', modelName(model))}
            {row('Giver', who(from))}
            {row('Receiver', who(to))}
            {row(
              'Shares',
              <>
                {shares.toLocaleString()}
                {open && held !== undefined && (
                  <span className="muted"> (of the {held.toLocaleString()} the giver holds)</span>
                )}
              </>,
            )}
          </>
        );
      }
      case 'set-license': {
        const now = state.models.find((m) => m.slug === decision.params.model)?.license;
        return (
          <>
            {row('Model', modelName(decision.params.model))}
            {row(
              'Licence',
              open && now !== undefined ? (
                <>
                  {now} → <strong>{decision.params.license}</strong>
                </>
              ) : (
                <strong>{decision.params.license}</strong>
              ),
            )}
          </>
        );
      }
      case 'approve-use':
        return (
          <>
            {row('Model', modelName(decision.params.model))}
            {row('Version', decision.params.version)}
            {row('Purpose', decision.params.purpose)}
          </>
        );
      case 'retire-model':
        return row('Retires', modelName(decision.params.model));
      case 'poll':
        return (
          <>
            {row(
              'Options',
              <ol>
                {decision.params.options.map((o) => (
                  <li key={o}>{o}</li>
                ))}
              </ol>,
            )}
            {row(
              'Method',
              decision.params.method === 'ranked'
                ? 'Ranked choice: each ballot orders the options'
                : 'Approval: each ballot approves any number of options',
            )}
          </>
        );
      case 'resolution':
        return row('Decides', 'what its text says: nothing else changes');
    }
  })();
  return (
    <dl className="decides" data-testid={ids?.root ?? 'decides'}>
      {body}
    </dl>
  );
};

import { useEffect, useState, type FormEvent } from 'react';
import { proposalKinds } from '../../shared/format/kinds';
import { navigate } from '../app/useHashRoute';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { useWriteThenRefresh } from '../proposals/useWrite';
import { emptyDraft, formKinds, toRequest, type Draft, type FormKind } from './draft';
import { PollFields } from './PollFields';
import { TransferFields } from './TransferFields';

const isFormKind = (kind: string): kind is FormKind =>
  (formKinds as readonly string[]).includes(kind);

export const NewProposal = () => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const signedIn = useFeature('session', (s) => s.view?.identity !== undefined);
  const { busy, error: writeError, run } = useWriteThenRefresh();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [kind, setKind] = useState<string>(emptyDraft.kind);
  const [invalid, setInvalid] = useState<string | undefined>();
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const clearError = useFeature('write', (s) => s.clearError);
  // An error from another page's write is not this form's.
  useEffect(() => {
    clearError();
    return clearError;
  }, [clearError]);

  if (state === undefined) return <p>Loading…</p>;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = toRequest(draft, state);
    if (!request.ok) {
      setInvalid(request.error);
      return;
    }
    setInvalid(undefined);
    const id = await run((w) => w.create(request.arg));
    if (id !== undefined) navigate(`/proposals/${id}`);
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      <h1>New proposal</h1>
      {!signedIn && <p className="muted">Sign in as a member to submit.</p>}
      <label>
        Kind
        <select
          data-testid="new-kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            if (isFormKind(e.target.value)) change({ kind: e.target.value });
          }}
        >
          {proposalKinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      {isFormKind(kind) ? (
        <>
          <label>
            Title
            <input
              data-testid="new-title"
              value={draft.title}
              maxLength={200}
              onChange={(e) => change({ title: e.target.value })}
            />
          </label>
          <label>
            Text
            <textarea
              data-testid="new-body"
              rows={8}
              value={draft.body}
              onChange={(e) => change({ body: e.target.value })}
            />
          </label>
          {draft.kind === 'poll' && <PollFields draft={draft} change={change} />}
          {draft.kind === 'transfer-shares' && (
            <TransferFields draft={draft} state={state} change={change} />
          )}
          <ErrorAlert message={invalid ?? writeError} />
          <button type="submit" data-testid="new-submit" disabled={busy}>
            Submit proposal
          </button>
        </>
      ) : (
        <p>
          Use the command line for now: <code>npx steward propose {kind} --title …</code> (see{' '}
          <code>npx steward propose --help</code>)
        </p>
      )}
    </form>
  );
};

import type { CreateArg } from '../../shared/api-channels';
import type { DerivedState } from '../../shared/derive/state';
import { kindLabel } from '../../shared/format/kind-labels';
import { ErrorAlert } from '../common/ErrorAlert';
import { Markdown } from '../common/Markdown';
import { ParamsView } from './ParamsView';

type Props = {
  request: CreateArg;
  state: DerivedState;
  busy: boolean;
  error: string | undefined;
  signedIn: boolean;
  onEdit: () => void;
  onSign: () => void;
};

/** What will be signed, exactly: the last look before the statement is made. */
export const Preview = ({ request, state, busy, error, signedIn, onEdit, onSign }: Props) => {
  const rule = state.charter?.rules[request.kind];
  return (
    <section className="stack new-preview" data-testid="preview-step" aria-label="Preview">
      <h1>Preview</h1>
      <p className="muted">This is what your signature will cover. Nothing is sent yet.</p>
      <div className="card stack">
        <p className="meta">
          <span className="status" data-testid="preview-kind" title={request.kind}>
            {kindLabel(request.kind)}
          </span>
          {rule &&
            ` · decided by ${rule.electorate}, ${rule.weight === 'shares' ? 'weighted by shares' : 'one vote each'}`}
        </p>
        <h2 data-testid="preview-title">{request.title}</h2>
        <div className="body" data-testid="preview-body">
          {request.body?.trim() ? (
            <Markdown text={request.body} />
          ) : (
            <p className="muted">(no text)</p>
          )}
        </div>
        <ParamsView request={request} state={state} />
        <details>
          <summary>As signed (JSON params)</summary>
          <pre data-testid="preview-json">{JSON.stringify(request.params, null, 2)}</pre>
        </details>
      </div>
      <ErrorAlert message={error} />
      <div className="buttons">
        <button type="button" data-testid="new-edit" onClick={onEdit} disabled={busy}>
          Edit
        </button>
        <button
          type="button"
          className="primary"
          data-testid="new-submit"
          onClick={onSign}
          disabled={busy || !signedIn}
        >
          {busy ? 'Signing…' : 'Sign and propose'}
        </button>
      </div>
      {!signedIn && <p className="muted">Sign in as a member to sign it.</p>}
    </section>
  );
};

import { useEffect, useState, type FormEvent } from 'react';
import type { CreateArg } from '../../shared/api-channels';
import { navigate } from '../app/useHashRoute';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { useWriteThenRefresh } from '../proposals/useWrite';
import { emptyDraft, isBlank, type Draft } from './draft';
import { DraftList } from './DraftList';
import { draftOf, newDraftId, type DraftRow } from '../data/drafts-db';
import { KindFields } from './KindFields';
import { KindPicker } from './KindPicker';
import { heldFor, useOpenDraft } from './open-draft';
import { Preview } from './Preview';
import { toRequest } from './to-request';
import { useDrafts } from './useDrafts';
import './new-proposal.css';

/** Write a proposal of any kind, see exactly what will be signed, then sign it. */
export const NewProposal = () => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const signedIn = useFeature('session', (s) => s.view?.identity !== undefined);
  const { busy, error: writeError, run } = useWriteThenRefresh();
  const clearError = useFeature('write', (s) => s.clearError);
  const group = state?.group?.id;
  const drafts = useDrafts(group);
  // What was on the form when the user left it (or what another screen opened it with).
  const held = heldFor(
    useOpenDraft((s) => s.open),
    group,
  );
  const hold = useOpenDraft((s) => s.hold);
  const letGo = useOpenDraft((s) => s.clear);
  const [draft, setDraft] = useState<Draft>(() => held?.draft ?? emptyDraft);
  const [draftId, setDraftId] = useState(() => held?.id ?? newDraftId(Date.now()));
  const [unsaved, setUnsaved] = useState(() => held?.unsaved === true);
  // Without a draft held since the form was left, the one open when the page was last closed.
  const [reopenedOnce, setReopenedOnce] = useState(held !== undefined);
  const reopened = drafts.reopened;
  useEffect(() => {
    if (reopenedOnce || reopened === undefined) return;
    setReopenedOnce(true);
    if (!isBlank(draft)) return;
    const next = draftOf(reopened);
    setDraft(next);
    setDraftId(reopened.id);
    hold({ group, id: reopened.id, draft: next });
  }, [reopenedOnce, reopened, draft, group, hold]);
  const [invalid, setInvalid] = useState<string | undefined>();
  const [request, setRequest] = useState<CreateArg | undefined>();
  // An error from another page's write is not this form's.
  useEffect(() => {
    clearError();
    return clearError;
  }, [clearError]);
  // A draft opened from another screen is kept on this device like one typed here.
  useEffect(() => {
    if (!unsaved || drafts.status !== 'on') return;
    setUnsaved(false);
    drafts.schedule(draftId, draft);
    hold({ group, id: draftId, draft });
  }, [unsaved, drafts, draftId, draft, group, hold]);

  if (state === undefined) return <p>Loading…</p>;
  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    hold({ group, id: draftId, draft: next });
    // A form emptied by hand is no draft any more.
    if (isBlank(next)) void drafts.discard(draftId);
    else drafts.schedule(draftId, next);
  };
  const start = (next: Draft, id: string) => {
    setDraft(next);
    setDraftId(id);
    hold({ group, id, draft: next });
    drafts.markOpen(isBlank(next) ? undefined : id);
    setInvalid(undefined);
    setRequest(undefined);
  };
  const resume = (row: DraftRow) => start(draftOf(row), row.id);
  const remove = async (row: DraftRow) => {
    await drafts.discard(row.id);
    if (row.id === draftId) start(emptyDraft, newDraftId(Date.now()));
  };
  const preview = (event: FormEvent) => {
    event.preventDefault();
    const checked = toRequest(draft, state);
    if (!checked.ok) {
      setInvalid(checked.error);
      return;
    }
    setInvalid(undefined);
    clearError();
    setRequest(checked.value);
  };
  const sign = async (arg: CreateArg) => {
    const id = await run((w) => w.create(arg));
    if (id === undefined) return;
    await drafts.discard(draftId);
    letGo();
    navigate(`/proposals/${id}`);
  };

  if (request !== undefined)
    return (
      <Preview
        request={request}
        state={state}
        busy={busy}
        error={writeError}
        signedIn={signedIn}
        onEdit={() => setRequest(undefined)}
        onSign={() => void sign(request)}
      />
    );
  return (
    <div className="stack new-proposal">
      <h1>New proposal</h1>
      {!signedIn && <p className="muted">Sign in as a member to submit.</p>}
      <form className="stack" onSubmit={preview} noValidate>
        <KindPicker value={draft.kind} onChange={(kind) => change({ kind })} />
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
          Text (Markdown)
          <textarea
            data-testid="new-body"
            rows={8}
            value={draft.body}
            onChange={(e) => change({ body: e.target.value })}
          />
        </label>
        <KindFields draft={draft} state={state} change={change} />
        <ErrorAlert message={invalid} />
        <ErrorAlert message={drafts.error} />
        <div className="buttons">
          <button type="submit" className="primary" data-testid="new-preview">
            Preview
          </button>
          {!isBlank(draft) && (
            <button
              type="button"
              data-testid="new-blank"
              onClick={() => start(emptyDraft, newDraftId(Date.now()))}
            >
              Start a new one
            </button>
          )}
        </div>
        <DraftStatus status={drafts.status} savedAt={drafts.savedAt} />
      </form>
      {/* Below the form, so that a save as one types shifts nothing one is about to click. */}
      <DraftList
        rows={drafts.rows}
        current={draftId}
        onResume={resume}
        onDelete={(row) => void remove(row)}
      />
    </div>
  );
};

const DraftStatus = ({ status, savedAt }: { status: string; savedAt: number | undefined }) => {
  if (status === 'off')
    return (
      <p className="muted" data-testid="drafts-off">
        This browser keeps no drafts here, so finish the proposal before leaving the page.
      </p>
    );
  if (status === 'on' && savedAt !== undefined)
    return (
      <p className="muted" data-testid="draft-saved">
        Draft saved on this device at {new Date(savedAt).toLocaleTimeString()}.
      </p>
    );
  return null;
};

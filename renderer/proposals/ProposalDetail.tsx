import { useEffect } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { countdown, formatDate, nameOf, shortId } from '../common/format';
import { Markdown } from '../common/Markdown';
import { useNow } from '../common/useNow';
import { EvidenceList } from './EvidenceList';
import { ProposalActions } from './ProposalActions';
import { TallyDetails } from './TallyDetails';
import { ProposalHistory } from './ProposalHistory';
import { VoteList } from './VoteList';
import { VotePanel } from './VotePanel';

export const ProposalDetail = ({ id }: { id: string }) => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const session = useFeature('session', (s) => s.view);
  const writeError = useFeature('write', (s) => s.error);
  const clearError = useFeature('write', (s) => s.clearError);
  const now = useNow();
  useEffect(() => clearError, [id, clearError]);

  if (state === undefined) return <p>Loading…</p>;
  const p = state.proposals.find((x) => x.id === id);
  if (p === undefined)
    return (
      <p role="alert" className="error">
        No proposal {shortId(id)} in this group.
      </p>
    );
  const me = session?.identity?.id;
  const canWrite = me !== undefined && p.status === 'open';
  const eligible = me !== undefined && p.electorate.some((e) => e.member === me);
  return (
    <article className="stack">
      <p>
        <a href="#/proposals">← All proposals</a>
      </p>
      <h1>{p.title}</h1>
      <p className="meta">
        <span data-testid="proposal-status" className={`status status-${p.status}`}>
          {p.status}
        </span>{' '}
        {p.kind} by {nameOf(state, p.author)} · opened {formatDate(p.created)} · deadline{' '}
        {formatDate(p.deadline)}
        {p.status === 'open' && ` (${countdown(p.deadline, now)})`}
        {p.status !== 'open' && !p.final && p.closes.length > 0 && ' · provisional'}
        {p.final && ' · final'}
      </p>
      {p.reason && <p>{p.reason}</p>}
      <div className="body" data-testid="proposal-body">
        <Markdown text={p.body} />
      </div>
      <ErrorAlert message={writeError} />
      <TallyDetails tally={p.tally} rule={p.rule} />
      {canWrite && eligible && <VotePanel key={p.id} proposal={p} />}
      {canWrite && !eligible && (
        <p className="muted">You are not in this proposal&apos;s electorate.</p>
      )}
      {canWrite && <ProposalActions proposal={p} me={me} />}
      <VoteList proposal={p} state={state} />
      <EvidenceList evidence={p.evidence} state={state} />
      <ProposalHistory proposal={p} state={state} />
    </article>
  );
};

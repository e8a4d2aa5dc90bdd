/**
 * The proposal page: what it asks in its own words and in what it decides, where it stands or
 * what happened, and what the signed-in member can do about it now (vote, consent, close,
 * withdraw, certify). One action at a time is the primary one.
 */
import { useEffect } from 'react';
import type { ProposalView } from '../../shared/derive/state';
import { kindLabel, kindLabels } from '../../shared/format/kind-labels';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { countdown, formatDate, nameOf, shortId } from '../common/format';
import { Markdown } from '../common/Markdown';
import { useNow } from '../common/useNow';
import { Decides } from '../decides/Decides';
import { CertifyPanel } from './CertifyPanel';
import { EvidenceList } from './EvidenceList';
import { Outcome } from './Outcome';
import { mayCertify } from './certification';
import { awaitsConsent } from './consent';
import { readyToClose } from './proposal-query';
import { ProposalActions } from './ProposalActions';
import { ProposalHistory } from './ProposalHistory';
import { TallyDetails } from './TallyDetails';
import { VoteList } from './VoteList';
import { VotePanel } from './VotePanel';
import './proposal.css';

type Primary = 'certify' | 'consent' | 'close' | undefined;

/** The one action this member is most likely here for. */
const primaryOf = (p: ProposalView, me: string | undefined): Primary => {
  if (mayCertify(p, me)) return 'certify';
  if (me !== undefined && awaitsConsent(p)?.from === me) return 'consent';
  return me !== undefined && readyToClose(p) ? 'close' : undefined;
};

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
  const primary = primaryOf(p, me);
  return (
    <article className="stack proposal-page">
      <p>
        <a href="#/proposals">← All proposals</a>
      </p>
      <h1>{p.title}</h1>
      <p className="meta">
        <span data-testid="proposal-status" className={`status status-${p.status}`}>
          {p.status}
        </span>{' '}
        <span
          className="kind"
          data-testid="proposal-kind"
          title={`${kindLabels[p.kind]?.description ?? ''} (${p.kind})`}
        >
          {kindLabel(p.kind)}
        </span>{' '}
        by {nameOf(state, p.author)} · opened {formatDate(p.created)} · deadline{' '}
        {formatDate(p.deadline)}
        {p.status === 'open' && ` (${countdown(p.deadline, now)})`}
      </p>
      <Outcome proposal={p} state={state} />
      <div className="body" data-testid="proposal-body">
        <Markdown text={p.body} />
      </div>
      <section aria-labelledby="decides-heading" className="stack card">
        <h2 id="decides-heading">What this decides</h2>
        <Decides proposal={p} state={state} />
      </section>
      <ErrorAlert message={writeError} />
      <CertifyPanel proposal={p} state={state} me={me} primary={primary === 'certify'} />
      <TallyDetails proposal={p} state={state} me={me} primary={primary === 'consent'} />
      {canWrite && eligible && <VotePanel key={p.id} proposal={p} />}
      {canWrite && !eligible && (
        <p className="muted">You are not in this proposal&apos;s electorate.</p>
      )}
      {canWrite && (
        <ProposalActions proposal={p} state={state} me={me} primary={primary === 'close'} />
      )}
      <VoteList proposal={p} state={state} />
      <EvidenceList evidence={p.evidence} state={state} />
      <ProposalHistory proposal={p} state={state} />
    </article>
  );
};

import { useEffect, useMemo } from 'react';
import { useFeature } from '../app/useStores';
import { CacheNote } from '../cache/CacheNote';
import { RewritesNotice } from './RewritesNotice';
import { countdown, formatDate } from '../common/format';
import { useNow } from '../common/useNow';
import { kindLabel } from '../../shared/format/kind-labels';
import { outcomeText } from '../proposals/outcome';
import { readyToClose } from '../proposals/proposal-query';
import { Provisional } from '../proposals/Outcome';
import { ActionLists } from './ActionLists';
import { MissingApproved } from './MissingApproved';
import { summarize } from './home-lists';
import { NextSteps } from './NextSteps';
import { useApp } from '../setup/useApp';
import './home.css';
import { syncStatusText } from '../sync/sync-status';
import { useSync } from '../sync/useSync';

/**
 * A group's front page: what waits for the signed-in member (votes, certifications, consents),
 * what is ready to close, recent decisions in words, and a new group's next steps.
 */
export const HomeView = () => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const me = useFeature('session', (s) => s.view?.identity?.id);
  const host = useFeature('session', (s) => s.view?.host === true);
  const member = useFeature('session', (s) => s.view?.member === true);
  const demo = useApp((s) => s.app?.group?.demo ?? false);
  const now = useNow();
  const proposals = state?.proposals;
  const summary = useMemo(() => proposals && summarize(proposals, me), [proposals, me]);
  if (state === undefined || summary === undefined) return <p>Loading…</p>;
  const { mine, decided, open } = summary;
  return (
    <section className="stack">
      <h1>{state.group?.name ?? 'No group yet'}</h1>
      <CacheNote />
      <RewritesNotice state={state} />
      <p className="muted">
        {count(state.members.length, 'member')} · {count(state.models.length, 'model')} ·{' '}
        {count(open, 'open proposal')}
      </p>
      {state.proposals.length === 0 && (
        <NextSteps
          members={state.members.length}
          models={state.models.length}
          canPropose={me !== undefined && member}
        />
      )}
      <ActionLists summary={summary} state={state} me={me} />
      {host && !demo && <MissingApproved state={state} />}
      {/* Nobody looking on (the demo's visitor, an identity not in this group) has a vote. */}
      {(member || (me === undefined && !demo)) && <h2>Waiting for your vote</h2>}
      {!member && (me !== undefined || demo) ? null : me === undefined ? (
        <p className="muted">Sign in to see what awaits your vote.</p>
      ) : mine.length === 0 ? (
        <p className="muted">Nothing waits for your vote.</p>
      ) : (
        <ul data-testid="home-needs-vote">
          {mine.map((p) => (
            <li key={p.id}>
              {readyToClose(p) && <span className="flag flag-ready">Ready to close</span>}{' '}
              <a href={`#/proposals/${p.id}`}>{p.title}</a>{' '}
              <span className="muted">{countdown(p.deadline, now)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Recent decisions</h2>
      {decided.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <ul data-testid="home-decisions">
          {decided.map((p) => (
            <li key={p.id}>
              <span className={`status status-${p.status}`}>{p.status}</span>{' '}
              <a href={`#/proposals/${p.id}`}>{p.title}</a>{' '}
              <span className="muted" title={p.kind}>
                {kindLabel(p.kind)} · {outcomeText(p, state)}
                {!p.final && p.winningClose !== undefined && (
                  <>
                    {' '}
                    · <Provisional />
                  </>
                )}{' '}
                · {formatDate(p.created)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {host && !demo && <SyncStatus />}
    </section>
  );
};

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The host's view of where this repo stands with each remote (participants do not sync). */
const SyncStatus = () => {
  const remotes = useSync((s) => s.remotes);
  const loadRemotes = useSync((s) => s.loadRemotes);
  const head = useFeature('group', (s) => s.snapshot?.head);
  const now = useNow();
  // Again whenever the head moves: a new statement here is one more to send.
  useEffect(() => void loadRemotes(), [loadRemotes, head]);
  return (
    <>
      <h2>Sync</h2>
      {remotes === undefined ? (
        <p className="muted">Loading…</p>
      ) : remotes.length === 0 ? (
        <p className="muted">
          No remotes yet: <a href="#/sync">add a peer or a git server</a> to share the records.
        </p>
      ) : (
        <ul data-testid="home-sync">
          {remotes.map((r) => (
            <li key={r.name}>
              <a href="#/sync">{r.name}</a>{' '}
              <span className="muted">{syncStatusText(r.status, now)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
};

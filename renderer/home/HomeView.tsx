import { useMemo } from 'react';
import type { ProposalView } from '../../shared/derive/state';
import { useFeature } from '../app/useStores';
import { CacheNote } from '../cache/CacheNote';
import { countdown, formatDate } from '../common/format';
import { useNow } from '../common/useNow';
import { awaitsVoteFrom } from '../proposals/proposal-query';

const closedStatuses = new Set(['passed', 'rejected', 'expired', 'withdrawn']);

/** What the home page lists, worked out once per snapshot (the clock ticks more often). */
const summarize = (proposals: ProposalView[], me: string | undefined) => ({
  mine: proposals.filter((p) => awaitsVoteFrom(p, me)),
  decided: proposals
    .filter((p) => closedStatuses.has(p.status))
    .sort((a, b) => b.created.localeCompare(a.created))
    .slice(0, 10),
  open: proposals.filter((p) => p.status === 'open').length,
});

export const HomeView = () => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const me = useFeature('session', (s) => s.view?.identity?.id);
  const now = useNow();
  const proposals = state?.proposals;
  const summary = useMemo(() => proposals && summarize(proposals, me), [proposals, me]);
  if (state === undefined || summary === undefined) return <p>Loading…</p>;
  const { mine, decided, open } = summary;
  return (
    <section className="stack">
      <h1>{state.group?.name ?? 'No group yet'}</h1>
      <CacheNote />
      <p className="muted">
        {state.members.length} members · {state.models.length} models · {open} open proposals
      </p>
      <h2>Waiting for your vote</h2>
      {me === undefined ? (
        <p className="muted">Sign in to see what awaits your vote.</p>
      ) : mine.length === 0 ? (
        <p className="muted">Nothing waits for your vote.</p>
      ) : (
        <ul data-testid="home-needs-vote">
          {mine.map((p) => (
            <li key={p.id}>
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
              <span className="muted">{formatDate(p.created)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

import { useRef } from 'react';
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { kindLabel, kindLabels } from '../../shared/format/kind-labels';
import { countdown } from '../common/format';
import { Markdown } from '../common/Markdown';
import { useNow } from '../common/useNow';
import { Decides } from '../decides/Decides';
import { JoinPanel } from './JoinPanel';
import { PresenterTally } from './PresenterTally';
import { Voters } from './Voters';
import { neighbours } from './review-order';
import { toggleFullscreen, usePresenterKeys } from './usePresenterKeys';
import { WallNote } from './WallNote';

/**
 * One proposal at a time, in large type, for a room: what it says and what it decides, and the
 * tally as the votes sync in.
 */
export const Presenter = ({ state, proposal }: { state: DerivedState; proposal: ProposalView }) => {
  const stage = useRef<HTMLElement>(null);
  const now = useNow(10_000);
  const { previous, next } = neighbours(state.proposals, proposal);
  usePresenterKeys(previous?.id, next?.id, stage);
  return (
    <section ref={stage} className="presenter" aria-labelledby="presenter-title">
      <div className="presenter-main">
        <WallNote shown={proposal.id} />
        <p className="presenter-kind">
          <span title={`${kindLabels[proposal.kind]?.description ?? ''} (${proposal.kind})`}>
            {kindLabel(proposal.kind)}
          </span>
          {' · '}
          <span className={`status status-${proposal.status}`} data-testid="presenter-status">
            {proposal.status}
          </span>
          {proposal.status === 'open' && ` · ${countdown(proposal.deadline, now)}`}
        </p>
        <h1 id="presenter-title" data-testid="presenter-title">
          {proposal.title}
        </h1>
        {proposal.body.trim() !== '' && (
          <div className="presenter-body" data-testid="presenter-body">
            <Markdown text={proposal.body} />
          </div>
        )}
        <section className="presenter-decides" aria-labelledby="presenter-decides-heading">
          <h2 id="presenter-decides-heading">What this decides</h2>
          <Decides proposal={proposal} state={state} />
        </section>
        <PresenterTally proposal={proposal} state={state} />
        <Voters state={state} proposal={proposal} />
        <nav className="presenter-nav buttons" aria-label="Agenda">
          <a
            className="button"
            href={previous ? `#/review/${previous.id}` : undefined}
            aria-disabled={previous === undefined}
            data-testid="presenter-previous"
          >
            ← Previous
          </a>
          <a
            className="button"
            href={next ? `#/review/${next.id}` : undefined}
            aria-disabled={next === undefined}
            data-testid="presenter-next"
          >
            Next →
          </a>
          <button type="button" onClick={() => toggleFullscreen(stage.current)}>
            Full screen (f)
          </button>
          <a href="#/review">All open proposals</a>
          <a href={`#/proposals/${proposal.id}`}>Details</a>
        </nav>
      </div>
      <JoinPanel />
    </section>
  );
};

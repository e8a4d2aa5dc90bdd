import { kindLabel } from '../../shared/format/kind-labels';
import { useFeature } from '../app/useStores';
import { countdown } from '../common/format';
import { useNow } from '../common/useNow';
import { JoinPanel } from './JoinPanel';
import { Presenter } from './Presenter';
import { agenda } from './review-order';
import { useFollow } from './useFollow';

/** The agenda: every open proposal, oldest first, to pick the one to present. */
const Picker = () => {
  const proposals = useFeature('group', (s) => s.snapshot?.state.proposals);
  const now = useNow();
  const open = agenda(proposals ?? []);
  return (
    <section className="review-picker">
      <div className="stack">
        <h1>Review session</h1>
        <p className="muted">
          Pick a proposal to show on the wall; people who joined from their devices follow it. Use ←
          and → to move between open proposals and f for full screen.
        </p>
        {proposals !== undefined && open.length === 0 && (
          <p className="muted">No proposal is open.</p>
        )}
        <ol className="review-agenda">
          {open.map((p) => (
            <li key={p.id}>
              <a href={`#/review/${p.id}`} data-testid="review-pick">
                {p.title}
              </a>{' '}
              <span className="muted">
                {kindLabel(p.kind)}, {p.votes.length} of {p.electorate.length} voted,{' '}
                {countdown(p.deadline, now)}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <JoinPanel />
    </section>
  );
};

/** The review session: the agenda to pick from, or the proposal on the wall, which the room follows. */
export const ReviewView = ({ id }: { id?: string }) => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  useFollow(id);
  if (id === undefined) return <Picker />;
  if (state === undefined) return <p className="muted">Loading…</p>;
  const proposal = state.proposals.find((p) => p.id === id);
  if (proposal === undefined)
    return (
      <p role="alert">
        No proposal {id.slice(0, 8)} in this group. <a href="#/review">Pick another.</a>
      </p>
    );
  return <Presenter state={state} proposal={proposal} />;
};

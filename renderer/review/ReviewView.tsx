import { useFeature } from '../app/useStores';
import { countdown } from '../common/format';
import { useNow } from '../common/useNow';
import { JoinPanel } from './JoinPanel';
import { Presenter } from './Presenter';
import { agenda } from './review-order';

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
          Pick a proposal to show on the wall. Use ← and → to move between open proposals and f for
          full screen.
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
                {p.kind}, {p.votes.length} of {p.electorate.length} voted,{' '}
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

export const ReviewView = ({ id }: { id?: string }) => {
  const state = useFeature('group', (s) => s.snapshot?.state);
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

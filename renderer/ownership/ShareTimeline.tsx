import type { DerivedState, ModelView } from '../../shared/derive/state';
import { formatDate, shortId } from '../common/format';
import { closeOf, describeChange, newestFirst, slicesOf } from './ownership';

/** Every change to the model's shares, newest first, each traced to its proposal and close. */
export const ShareTimeline = ({
  state,
  model,
}: {
  state: DerivedState | undefined;
  model: ModelView;
}) => (
  <section aria-labelledby="timeline-heading" className="stack">
    <h2 id="timeline-heading">History</h2>
    {model.history.length === 0 && <p className="muted">No changes recorded.</p>}
    <ol className="share-timeline">
      {newestFirst(model.history).map((entry) => {
        const proposal = state?.proposals.find((p) => p.id === entry.proposal);
        const close = closeOf(proposal);
        const owners = slicesOf(state, entry.owners);
        return (
          <li key={entry.proposal} data-testid="ownership-change" className="card">
            <p>
              <time dateTime={entry.at}>{formatDate(entry.at)}</time>:{' '}
              <strong>{describeChange(state, entry.change)}</strong>
            </p>
            <p>
              By proposal{' '}
              <a href={`#/proposals/${entry.proposal}`} data-testid="ownership-proposal">
                {proposal?.title ?? shortId(entry.proposal)}
              </a>
              {close !== undefined && (
                <>
                  , applied by close{' '}
                  <code title={close} data-testid="ownership-close">
                    {shortId(close)}
                  </code>
                </>
              )}
            </p>
            <p className="muted">
              Owners after: {owners.map((o) => `${o.name} ${o.shares} (${o.percent}%)`).join(', ')}
            </p>
          </li>
        );
      })}
    </ol>
  </section>
);

import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { formatDate, nameOf } from '../common/format';
import { ballotText } from './ballot-text';

const notCountedReason = {
  superseded: 'replaced by a later vote',
  'arrived-after-close': 'arrived after the close',
} as const;

export const VoteList = ({
  proposal: p,
  state,
}: {
  proposal: ProposalView;
  state: DerivedState;
}) => (
  <section aria-labelledby="votes-heading" className="stack">
    <h2 id="votes-heading">Votes ({p.votes.length})</h2>
    {p.votes.length === 0 ? (
      <p className="muted">No votes yet.</p>
    ) : (
      <ul className="votes">
        {p.votes.map((v) => (
          <li key={v.id} data-testid="vote-item">
            <strong>{nameOf(state, v.voter)}</strong>:{' '}
            <span data-testid="ballot">{ballotText(p, v)}</span>{' '}
            <span
              className="signed"
              title="Signed with this member's key; the signature was checked on this machine"
            >
              ✓ signed
            </span>
            {(v.weight !== 1 || p.rule.weight === 'shares') && (
              <span className="muted">
                {' '}
                ({v.weight.toLocaleString()} {p.rule.weight === 'shares' ? 'share' : 'vote'}
                {v.weight === 1 ? '' : 's'})
              </span>
            )}{' '}
            <time className="muted" dateTime={v.created}>
              {formatDate(v.created)}
            </time>
            {v.reason && <p className="reason">{v.reason}</p>}
          </li>
        ))}
      </ul>
    )}
    {p.notCounted.length > 0 && (
      <>
        <h3>Not counted</h3>
        <ul>
          {p.notCounted.map((n) => (
            <li key={n.id} data-testid="not-counted">
              {nameOf(state, n.voter)}: {notCountedReason[n.reason]}{' '}
              {n.created && (
                <time className="muted" dateTime={n.created}>
                  {formatDate(n.created)}
                </time>
              )}
            </li>
          ))}
        </ul>
      </>
    )}
  </section>
);

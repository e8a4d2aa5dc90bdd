/**
 * The proposal's status in one line that never contradicts itself: what happened once it is
 * closed, where it stands while open, and whether a close is provisional or final.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { outcomeText, provisionalMeaning, toneOf } from './outcome';

export const Provisional = () => (
  <abbr className="provisional" title={provisionalMeaning} tabIndex={0}>
    provisional
  </abbr>
);

export const Outcome = ({
  proposal: p,
  state,
}: {
  proposal: ProposalView;
  state: DerivedState;
}) => {
  const closed = p.winningClose !== undefined || p.closes.length > 0;
  return (
    <div className={`outcome outcome-${toneOf(p)}`}>
      <p data-testid="proposal-outcome" className="outcome-text">
        {outcomeText(p, state)}
        {p.status === 'passed' || p.status === 'rejected' || p.status === 'expired' ? (
          p.final ? (
            <> · final</>
          ) : closed ? (
            <>
              {' '}
              · <Provisional />
            </>
          ) : null
        ) : null}
      </p>
      {closed && !p.final && p.status !== 'withdrawn' && (
        <p className="muted" data-testid="provisional-meaning">
          {provisionalMeaning[0]!.toUpperCase() + provisionalMeaning.slice(1)}.
        </p>
      )}
      {outcomeText(p, state).startsWith('Tied') && (
        <p className="muted" data-testid="tie-rule">
          The tie rule: a poll passes only when one option leads alone. A tie between the leaders
          decides nothing; a new poll can be opened.
        </p>
      )}
      {p.reason && p.kind !== 'transfer-shares' && <p className="muted">{p.reason}</p>}
      {p.reason && p.kind === 'transfer-shares' && <p className="muted">Why: {p.reason}.</p>}
    </div>
  );
};

import type { DerivedState, ProposalView } from '../../shared/derive/state';
import type { Tally } from '../../shared/tally';
import { percent } from '../common/format';
import { outcomeText } from '../proposals/outcome';

type Row = { key: string; label: string; weight: number; testId?: string };

const rowsOf = (tally: Tally): Row[] =>
  tally.method === 'yes-no'
    ? [
        { key: 'yes', label: 'Yes', weight: tally.yes, testId: 'presenter-yes' },
        { key: 'no', label: 'No', weight: tally.no, testId: 'presenter-no' },
        { key: 'abstain', label: 'Abstain', weight: tally.abstain, testId: 'presenter-abstain' },
      ]
    : tally.options.map((option, i) => ({
        key: 'voted',
        label: tally.winner === i ? `${option} (leading)` : option,
        weight: tally.counts[i] ?? 0,
      }));

/**
 * The tally in type a room can read from the back: one bar per answer, scaled to the electorate.
 * While open it says where the vote stands; once closed, what happened.
 */
export const PresenterTally = ({
  proposal,
  state,
}: {
  proposal: ProposalView;
  state: DerivedState;
}) => {
  const { tally, rule } = proposal;
  const open = proposal.status === 'open';
  const unit = rule.weight === 'shares' ? ' shares' : '';
  return (
    <section className="presenter-tally" aria-label="Tally">
      <div className="presenter-bars">
        {rowsOf(tally).map((row) => (
          <div key={row.label} className="presenter-row">
            <span className="presenter-label">{row.label}</span>
            <span className="presenter-track">
              <span
                className={`presenter-fill tally-${row.key}`}
                // CSSOM, not a style attribute: the CSP allows it.
                style={{ width: `${percent(row.weight, tally.electorate)}%` }}
              />
            </span>
            <span className="presenter-count" data-testid={row.testId}>
              {row.weight}
            </span>
          </div>
        ))}
      </div>
      <p className="presenter-rule">
        <span className={tally.quorumMet ? 'met' : 'unmet'} data-testid="presenter-quorum">
          Quorum {tally.quorumMet ? 'met' : 'not met'}
        </span>
        : {tally.participation} of {tally.electorate}
        {unit} voted ({percent(tally.participation, tally.electorate)}%, needs{' '}
        {Math.round(rule.quorum * 100)}%).{' '}
        {open ? (
          <>
            <span className={tally.passed ? 'met' : 'unmet'} data-testid="presenter-outcome">
              {tally.passed ? 'Would pass now' : 'Would not pass now'}
            </span>
            {tally.method === 'yes-no' &&
              ` (yes must be over ${Math.round(rule.threshold * 100)}% of yes and no)`}
            .
          </>
        ) : (
          <span
            className={proposal.status === 'passed' ? 'met' : 'unmet'}
            data-testid="presenter-outcome"
          >
            {outcomeText(proposal, state)}.
          </span>
        )}
      </p>
    </section>
  );
};

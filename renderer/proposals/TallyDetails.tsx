import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { percent } from '../common/format';
import { ConsentPanel } from './ConsentPanel';
import { awaitsConsent } from './consent';
import { outcomeText, toneOf, unitOf } from './outcome';
import { TallyBar } from './TallyBar';

const Figure = ({
  label,
  value,
  unit,
  id,
}: {
  label: string;
  value: number;
  unit: string;
  id: string;
}) => (
  <>
    <dt>{label}</dt>
    <dd>
      <span data-testid={id}>{value.toLocaleString()}</span>
      {unit}
    </dd>
  </>
);

type Props = {
  proposal: ProposalView;
  state: DerivedState;
  me: string | undefined;
  primary: boolean;
};

/**
 * The weights counted and where they stand against the rule's quorum and threshold: "would pass"
 * only while open; once closed, what happened. A transfer's consent is part of the count.
 */
export const TallyDetails = ({ proposal: p, state, me, primary }: Props) => {
  const { tally, rule } = p;
  const unit = unitOf(p);
  const open = p.status === 'open';
  return (
    <section aria-labelledby="tally-heading" className="stack">
      <h2 id="tally-heading">Tally</h2>
      <TallyBar tally={tally} tone={open ? 'neutral' : toneOf(p)} />
      {tally.method === 'yes-no' ? (
        <dl className="figures">
          <Figure label="Yes" value={tally.yes} unit={unit} id="tally-yes" />
          <Figure label="No" value={tally.no} unit={unit} id="tally-no" />
          <Figure label="Abstain" value={tally.abstain} unit={unit} id="tally-abstain" />
        </dl>
      ) : (
        <table>
          <caption>
            {tally.method === 'ranked' ? 'First preferences, final round' : 'Approvals'}
          </caption>
          <tbody>
            {tally.options.map((option, i) => (
              <tr key={option} data-testid="tally-option">
                <th scope="row">
                  {option}
                  {tally.winner === i && (open ? ' (leading)' : ' (won)')}
                </th>
                <td>
                  {(tally.counts[i] ?? 0).toLocaleString()}
                  {unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p data-testid="tally-quorum">
        Participation {tally.participation.toLocaleString()} of {tally.electorate.toLocaleString()}
        {unit} ({percent(tally.participation, tally.electorate)}%); quorum {rule.quorum * 100}%:{' '}
        {tally.quorumMet ? 'met' : 'not met'}.
      </p>
      <p data-testid="tally-threshold">
        {tally.method === 'yes-no'
          ? `Passes when yes is more than ${rule.threshold * 100}% of yes and no`
          : 'Passes with a single leading option and a quorum'}
        {open
          ? `: ${tally.passed ? 'would pass now' : 'would not pass now'}${tally.passed && awaitsConsent(p)?.required ? ' by the votes' : ''}.`
          : `. ${outcomeText(p, state)}.`}
      </p>
      <ConsentPanel proposal={p} state={state} me={me} primary={primary} />
    </section>
  );
};

import type { Rule } from '../../shared/format/types';
import type { Tally } from '../../shared/tally';
import { percent } from '../common/format';
import { TallyBar } from './TallyBar';

const YesNo = ({ yes, no, abstain }: { yes: number; no: number; abstain: number }) => (
  <dl className="figures">
    <dt>Yes</dt>
    <dd data-testid="tally-yes">{yes}</dd>
    <dt>No</dt>
    <dd data-testid="tally-no">{no}</dd>
    <dt>Abstain</dt>
    <dd data-testid="tally-abstain">{abstain}</dd>
  </dl>
);

/** The weights counted so far and where they stand against the rule's quorum and threshold. */
export const TallyDetails = ({ tally, rule }: { tally: Tally; rule: Rule }) => (
  <section aria-labelledby="tally-heading" className="stack">
    <h2 id="tally-heading">Tally</h2>
    <TallyBar tally={tally} />
    {tally.method === 'yes-no' ? (
      <YesNo yes={tally.yes} no={tally.no} abstain={tally.abstain} />
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
                {tally.winner === i && ' (leading)'}
              </th>
              <td>{tally.counts[i] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <p data-testid="tally-quorum">
      Participation {tally.participation} of {tally.electorate} (
      {percent(tally.participation, tally.electorate)}%); quorum {rule.quorum * 100}%:{' '}
      {tally.quorumMet ? 'met' : 'not met'}.
    </p>
    <p data-testid="tally-threshold">
      {tally.method === 'yes-no'
        ? `Passes when yes is more than ${rule.threshold * 100}% of yes and no: `
        : 'Passes with a single leading option and a quorum: '}
      {tally.passed ? 'would pass now' : 'would not pass now'}.
    </p>
  </section>
);

import { proposalKinds, type ProposalKind } from '../../shared/format/kinds';
import { kindLabel, kindLabels } from '../../shared/format/kind-labels';

type Props = { value: ProposalKind; onChange: (kind: ProposalKind) => void };

/** The kinds by their names in words, with one line on what the chosen one does. */
export const KindPicker = ({ value, onChange }: Props) => (
  <div className="stack new-kind">
    <label>
      Kind
      <select
        data-testid="new-kind"
        value={value}
        title={value}
        aria-describedby="new-kind-description"
        onChange={(e) => onChange(e.target.value as ProposalKind)}
      >
        {proposalKinds.map((k) => (
          <option key={k} value={k} title={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
    </label>
    <p className="muted" id="new-kind-description" data-testid="new-kind-description">
      {kindLabels[value].description}
    </p>
  </div>
);

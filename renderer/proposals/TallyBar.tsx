import type { Tally } from '../../shared/tally';
import { percent } from '../common/format';
import './proposal.css';

type Tone = 'passed' | 'rejected' | 'neutral';

/**
 * Yes, no and abstain as shares of the electorate's weight (a poll: participation only). Its frame
 * takes the outcome's colour, and the side that lost fades, so a bar never argues with the status.
 */
export const TallyBar = ({ tally, tone = 'neutral' }: { tally: Tally; tone?: Tone }) => {
  const parts =
    tally.method === 'yes-no'
      ? [
          { key: 'yes', weight: tally.yes },
          { key: 'no', weight: tally.no },
          { key: 'abstain', weight: tally.abstain },
        ]
      : [{ key: 'voted', weight: tally.participation }];
  const label = parts.map((p) => `${p.key} ${percent(p.weight, tally.electorate)}%`).join(', ');
  return (
    <span
      className={`tally-bar tally-${tone}`}
      data-testid="tally-bar"
      data-tone={tone}
      role="img"
      aria-label={label}
      title={label}
    >
      {parts.map((p) => (
        <span
          key={p.key}
          className={`tally-${p.key}`}
          // CSSOM, not a style attribute: the CSP allows it.
          style={{ width: `${percent(p.weight, tally.electorate)}%` }}
        />
      ))}
    </span>
  );
};

import type { ProposalView } from '../../shared/derive/state';
import { countdown, formatDay } from '../common/format';
import { kindLabel, kindLabels } from '../../shared/format/kind-labels';
import { toneOf } from './outcome';
import { TallyBar } from './TallyBar';

type Props = { proposal: ProposalView; selected: boolean; now: number; onPick: () => void };

export const ProposalRow = ({ proposal: p, selected, now, onPick }: Props) => (
  <a
    href={`#/proposals/${p.id}`}
    data-testid="proposal-row"
    data-id={p.id}
    className={selected ? 'proposal-row selected' : 'proposal-row'}
    aria-current={selected ? 'true' : undefined}
    onClick={onPick}
  >
    <span className={`status status-${p.status}`}>{p.status}</span>
    <span
      className="kind"
      title={`${kindLabel(p.kind)}: ${kindLabels[p.kind]?.description ?? ''} (${p.kind})`}
    >
      {kindLabel(p.kind)}
    </span>
    <span className="title">{p.title}</span>
    <span className="when">
      {p.status === 'open' ? countdown(p.deadline, now) : formatDay(p.created)}
    </span>
    <TallyBar tally={p.tally} tone={toneOf(p)} />
  </a>
);

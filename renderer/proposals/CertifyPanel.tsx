/**
 * Certifying a provisional close: what it means, how far it has come, and the button for a member
 * who may still co-sign. Once they have, it says so.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { nameOf } from '../common/format';
import { certificationOf, certifyMeaning, hasCertified, mayCertify } from './outcome';
import { useWriteThenRefresh } from './useWrite';

const amount = (n: number, shares: boolean): string =>
  shares ? `${n.toLocaleString()} share${n === 1 ? '' : 's'}` : `${n}`;

/** "1 of 3 members certified; 1 more needed to make it final." */
export const progressText = (p: ProposalView, state: DerivedState): string => {
  const c = certificationOf(p);
  if (c === undefined) return '';
  const shares = p.rule.weight === 'shares';
  const who = c.certifiers.length
    ? ` (${c.certifiers.map((m) => nameOf(state, m)).join(', ')})`
    : '';
  const have = shares
    ? `${amount(c.weight, true)} of ${amount(c.total, true)} certified${who}`
    : `${c.weight} of ${c.total} members certified${who}`;
  if (p.final) return `${have}: final.`;
  const more = Math.max(0, c.needed - c.weight);
  return `${have}; ${amount(more, shares)} more needed to make it final.`;
};

type Props = {
  proposal: ProposalView;
  state: DerivedState;
  me: string | undefined;
  primary: boolean;
};

export const CertifyPanel = ({ proposal: p, state, me, primary }: Props) => {
  const { busy, run } = useWriteThenRefresh();
  if (p.winningClose === undefined) return null;
  const may = mayCertify(p, me);
  const done = hasCertified(p, me);
  return (
    <section aria-labelledby="certify-heading" className="stack certify">
      <h2 id="certify-heading">Certification</h2>
      <p data-testid="certify-progress">{progressText(p, state)}</p>
      {done && (
        <p data-testid="certified-by-me" className="done">
          You certified this outcome.
        </p>
      )}
      {may && (
        <div className="action-line">
          <button
            type="button"
            data-testid="certify-proposal"
            className={primary ? 'primary' : undefined}
            disabled={busy}
            onClick={() => void run((w) => w.certify(p.id))}
          >
            Certify
          </button>
          <span className="muted">{certifyMeaning}</span>
        </div>
      )}
    </section>
  );
};

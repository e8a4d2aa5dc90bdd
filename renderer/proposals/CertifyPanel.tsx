/**
 * Certifying a provisional close: what it means, how far it has come, and the button for a member
 * who may still co-sign. Once they have, it says so.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { certifyMeaning, hasCertified, mayCertify, progressText } from './certification';
import { useWriteThenRefresh } from './useWrite';

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
      {may && !p.electorate.some((e) => e.member === me && e.weight > 0) && (
        <p className="muted" data-testid="certify-no-weight">
          You are not in this proposal&apos;s electorate, so your certification adds no weight.
        </p>
      )}
    </section>
  );
};

/**
 * A transfer's consent, in the tally section: the giver gives it with one button that says what
 * they give; everyone else sees that the proposal waits for it.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { awaitsConsent, consentText, waitingText } from './outcome';
import { useWriteThenRefresh } from './useWrite';

type Props = {
  proposal: ProposalView;
  state: DerivedState;
  me: string | undefined;
  primary: boolean;
};

export const ConsentPanel = ({ proposal: p, state, me, primary }: Props) => {
  const { busy, run } = useWriteThenRefresh();
  const transfer = awaitsConsent(p);
  if (transfer === undefined) return null;
  if (me !== transfer.from)
    return (
      <p data-testid="consent-waiting" className="waiting">
        This transfer is {waitingText(transfer, state)}: it cannot pass without it.
      </p>
    );
  return (
    <div className="action-line" data-testid="consent-panel">
      <button
        type="button"
        data-testid="consent-proposal"
        className={primary ? 'primary' : undefined}
        disabled={busy}
        onClick={() => void run((w) => w.consent(p.id))}
      >
        Consent
      </button>
      <span>{consentText(transfer, state)}.</span>
    </div>
  );
};

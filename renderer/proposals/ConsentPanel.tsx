/**
 * A transfer's consent, in the tally section: everyone sees that the proposal waits for it, and
 * the giver gives it with one button that says what they give.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { nameOf } from '../common/format';
import { awaitsConsent, consentText, waitingText } from './consent';
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
  const giver = nameOf(state, transfer.from);
  return (
    <div className="stack">
      <p data-testid="consent-waiting" className="waiting">
        This transfer is {waitingText(transfer, state)}
        {transfer.required
          ? ': it cannot pass without it.'
          : `. ${giver} proposed it, so it can pass without it; a consent puts it on record.`}
      </p>
      {me === transfer.from && (
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
      )}
    </div>
  );
};

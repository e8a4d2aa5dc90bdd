/**
 * A transfer's consent, in the tally section: everyone sees that the proposal waits for it (or,
 * where the giver proposed it, that it needs none), the giver gives it with one button that says
 * what they give, and once given everyone sees that it was.
 */
import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { nameOf } from '../common/format';
import { awaitsConsent, consentText, givenText, transferOf, waitingText } from './consent';
import { useWriteThenRefresh } from './useWrite';

type Props = {
  proposal: ProposalView;
  state: DerivedState;
  me: string | undefined;
  primary: boolean;
};

export const ConsentPanel = ({ proposal: p, state, me, primary }: Props) => {
  const { busy, run } = useWriteThenRefresh();
  const given = transferOf(p);
  if (given !== undefined && p.consents.length > 0)
    return (
      <p data-testid="consent-given" className="given">
        ✓ {givenText(given, state)}.
      </p>
    );
  const transfer = awaitsConsent(p);
  if (transfer === undefined) return null;
  const giver = nameOf(state, transfer.from);
  return (
    <div className="stack">
      {transfer.required ? (
        <p data-testid="consent-waiting" className="waiting">
          This transfer is {waitingText(transfer, state)}: it cannot pass without it.
        </p>
      ) : (
        <p data-testid="consent-not-needed" className="muted">
          {giver} proposed this transfer of their own shares, which stands as their consent;
          consenting as well puts it on record.
        </p>
      )}
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

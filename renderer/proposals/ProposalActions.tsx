import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { nameOf } from '../common/format';
import { awaitsConsent } from './consent';
import { readyToClose } from './proposal-query';
import { useWriteThenRefresh } from './useWrite';

type Props = { proposal: ProposalView; state: DerivedState; me: string; primary: boolean };

/**
 * Close and withdraw. Close warns when closing now would reject a transfer for want of its
 * giver's consent. The server has the last word: its refusal shows as the page's alert.
 */
export const ProposalActions = ({ proposal: p, state, me, primary }: Props) => {
  const { busy, run } = useWriteThenRefresh();
  const ready = readyToClose(p);
  const consent = awaitsConsent(p);
  return (
    <div className="stack">
      {ready && consent?.required && (
        <p role="note" className="warning" data-testid="close-consent-warning">
          Closing now rejects this transfer: {nameOf(state, consent.from)} has not consented
          {p.tally.passed ? ', though the votes would pass it' : ''}.
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          data-testid="close-proposal"
          className={primary ? 'primary' : undefined}
          disabled={busy || !ready}
          title={ready ? undefined : 'Open until its deadline or until everyone voted'}
          onClick={() => void run((w) => w.close(p.id))}
        >
          Close and count
        </button>
        {p.author === me && (
          <button
            type="button"
            data-testid="withdraw-proposal"
            disabled={busy}
            onClick={() => void run((w) => w.withdraw(p.id))}
          >
            Withdraw
          </button>
        )}
      </div>
    </div>
  );
};

import type { ProposalView } from '../../shared/derive/state';
import { useWriteThenRefresh } from './useWrite';

/** Close and withdraw. The server has the last word: its refusal shows as the page's alert. */
export const ProposalActions = ({ proposal: p, me }: { proposal: ProposalView; me: string }) => {
  const { busy, run } = useWriteThenRefresh();
  const everyoneVoted = p.electorate.every((e) => p.votes.some((v) => v.voter === e.member));
  return (
    <div className="buttons">
      <button
        type="button"
        data-testid="close-proposal"
        disabled={busy || !(p.closable || everyoneVoted)}
        title={
          p.closable || everyoneVoted
            ? undefined
            : 'Open until its deadline or until everyone voted'
        }
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
  );
};

import type { DerivedState, ProposalView, VoteView } from '../../shared/derive/state';
import { nameOf } from '../common/format';

/**
 * A vote's answer as words: yes/no/abstain, the options it approved (in no order), or those it
 * ranked, first choice first.
 */
const answerOf = (proposal: ProposalView, vote: VoteView): string => {
  if (vote.choice !== undefined) return vote.choice;
  const tally = proposal.tally;
  const options = tally.method === 'yes-no' ? [] : tally.options;
  const named = (vote.options ?? []).map((i) => options[i] ?? `option ${i + 1}`);
  if (named.length === 0) return 'none';
  return tally.method === 'ranked' ? named.join(' > ') : named.join(', ');
};

/** Who has voted and how (votes are public in Steward), and who the room still waits for. */
export const Voters = ({ state, proposal }: { state: DerivedState; proposal: ProposalView }) => {
  const voted = new Set(proposal.votes.map((v) => v.voter));
  const waiting = proposal.electorate
    .filter((e) => !voted.has(e.member))
    .map((e) => nameOf(state, e.member))
    .sort((a, b) => a.localeCompare(b));
  const weighted = proposal.rule.weight === 'shares';
  return (
    <section className="presenter-voters" aria-labelledby="voters-heading">
      <h2 id="voters-heading">Voted ({proposal.votes.length})</h2>
      <ul>
        {proposal.votes.map((v) => (
          <li key={v.id} data-testid="presenter-voter">
            {nameOf(state, v.voter)}: <strong>{answerOf(proposal, v)}</strong>
            {weighted && <span className="muted"> ({v.weight} shares)</span>}
          </li>
        ))}
      </ul>
      {proposal.status === 'open' && waiting.length > 0 && (
        <p className="muted" data-testid="presenter-waiting">
          Waiting for {waiting.join(', ')}
        </p>
      )}
    </section>
  );
};

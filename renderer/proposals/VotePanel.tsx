import { useState } from 'react';
import type { Choice } from '../../shared/format/types';
import type { ProposalView } from '../../shared/derive/state';
import { useFeature } from '../app/useStores';
import { formatDate } from '../common/format';
import { pollParams } from './proposal-query';
import { ballotText } from './ballot-text';
import { useWriteThenRefresh } from './useWrite';

const choices: { choice: Choice; label: string }[] = [
  { choice: 'yes', label: 'Vote yes' },
  { choice: 'no', label: 'Vote no' },
  { choice: 'abstain', label: 'Abstain' },
];

const PollBallot = ({
  proposal,
  onSubmit,
  busy,
}: {
  proposal: ProposalView;
  onSubmit: (options: number[]) => void;
  busy: boolean;
}) => {
  const params = pollParams(proposal) ?? { options: [], method: 'approval' };
  const ranked = params.method === 'ranked';
  // Approval: ticked or not. Ranked: 1 is first choice, 0 leaves the option unranked.
  const [marks, setMarks] = useState<number[]>(() => params.options.map(() => 0));
  const mark = (i: number, value: number) =>
    setMarks((m) => m.map((old, j) => (j === i ? value : old)));
  const ballot = marks
    .map((value, i) => ({ value, i }))
    .filter((m) => m.value > 0)
    .sort((a, b) => a.value - b.value || a.i - b.i)
    .map((m) => m.i);
  return (
    <fieldset>
      <legend>{ranked ? 'Rank the options (1 = first choice)' : 'Approve any options'}</legend>
      {params.options.map((option, i) => (
        <label key={option} className="option">
          {ranked ? (
            <select
              data-testid={`vote-rank-${i}`}
              value={marks[i]}
              onChange={(e) => mark(i, Number(e.target.value))}
            >
              <option value={0}>—</option>
              {params.options.map((_, r) => (
                <option key={r} value={r + 1}>
                  {r + 1}
                </option>
              ))}
            </select>
          ) : (
            <input
              type="checkbox"
              data-testid={`vote-option-${i}`}
              checked={marks[i] === 1}
              onChange={(e) => mark(i, e.target.checked ? 1 : 0)}
            />
          )}{' '}
          {option}
        </label>
      ))}
      <button
        type="button"
        data-testid="vote-submit"
        disabled={busy || ballot.length === 0}
        onClick={() => onSubmit(ballot)}
      >
        Submit vote
      </button>
    </fieldset>
  );
};

/** Casting (or replacing) my vote on an open proposal. */
export const VotePanel = ({ proposal }: { proposal: ProposalView }) => {
  const { busy, run } = useWriteThenRefresh();
  const me = useFeature('session', (s) => s.view?.identity?.id);
  const current = proposal.votes.find((v) => v.voter === me);
  const [reason, setReason] = useState('');
  const withReason = reason.trim() === '' ? {} : { reason: reason.trim() };
  const vote = async (arg: { choice: Choice } | { options: number[] }) => {
    const id = await run((w) => w.vote({ proposal: proposal.id, ...arg, ...withReason }));
    if (id !== undefined) setReason('');
  };
  return (
    <section aria-labelledby="vote-heading" className="stack card">
      <h2 id="vote-heading">Your vote</h2>
      {current && (
        <p data-testid="vote-current">
          You voted <strong>{ballotText(proposal, current, false)}</strong>{' '}
          <time className="muted" dateTime={current.created}>
            {formatDate(current.created)}
          </time>
          . Voting again replaces it.
        </p>
      )}
      <label>
        Reason (optional)
        <textarea
          data-testid="vote-reason"
          value={reason}
          maxLength={2000}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {proposal.kind === 'poll' ? (
        <PollBallot
          proposal={proposal}
          busy={busy}
          onSubmit={(options) => void vote({ options })}
        />
      ) : (
        <div className="buttons">
          {choices.map(({ choice, label }) => (
            <button
              key={choice}
              type="button"
              data-testid={`vote-${choice}`}
              aria-pressed={current?.choice === choice}
              disabled={busy}
              onClick={() => void vote({ choice })}
            >
              {label}
            </button>
          ))}
        </div>
      )}
    </section>
  );
};

import type { Change, Draft } from './draft';

type Props = { draft: Draft; change: Change };

export const PollFields = ({ draft, change }: Props) => (
  <fieldset className="stack">
    <legend>Options</legend>
    {draft.options.map((option, i) => (
      <label key={i}>
        Option {i + 1}
        <input
          data-testid={`new-option-${i}`}
          value={option}
          onChange={(e) =>
            change({ options: draft.options.map((o, j) => (j === i ? e.target.value : o)) })
          }
        />
      </label>
    ))}
    <button
      type="button"
      data-testid="new-add-option"
      onClick={() => change({ options: [...draft.options, ''] })}
      disabled={draft.options.length >= 50}
    >
      Add option
    </button>
    <label>
      Method
      <select
        data-testid="new-method"
        value={draft.method}
        onChange={(e) => change({ method: e.target.value as Draft['method'] })}
      >
        <option value="approval">Approval</option>
        <option value="ranked">Ranked choice</option>
      </select>
    </label>
  </fieldset>
);

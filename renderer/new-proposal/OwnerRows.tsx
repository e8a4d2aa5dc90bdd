import { percent } from '../common/format';
import { totalShares } from './checks';
import type { FieldsProps } from './draft';
import { MemberPicker } from './Pickers';

/** Who owns a new model and how many shares each: one row per owner, the total beneath. */
export const OwnerRows = ({ draft, state, change }: FieldsProps) => {
  const rows = draft.owners;
  const total = totalShares(rows);
  const edit = (i: number, patch: Partial<(typeof rows)[number]>) =>
    change({ owners: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="stack">
      <legend>Owners</legend>
      {rows.map((row, i) => (
        <div key={i} className="new-row">
          <MemberPicker
            state={state}
            label={`Owner ${i + 1}`}
            testId={`new-owner-${i}`}
            value={row.member}
            onChange={(member) => edit(i, { member })}
          />
          <label>
            Shares
            <input
              data-testid={`new-owner-shares-${i}`}
              type="number"
              min={1}
              step={1}
              value={row.shares}
              onChange={(e) => edit(i, { shares: e.target.value })}
            />
          </label>
          <span className="muted">{percent(Number(row.shares) || 0, total)}%</span>
          <button
            type="button"
            aria-label={`Remove owner ${i + 1}`}
            onClick={() => change({ owners: rows.filter((_, j) => j !== i) })}
            disabled={rows.length === 1}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="new-add-owner"
        onClick={() => change({ owners: [...rows, { member: '', shares: '' }] })}
        disabled={rows.length >= state.members.length}
      >
        Add owner
      </button>
      <p data-testid="new-owner-total">Total: {total.toLocaleString()} shares</p>
    </fieldset>
  );
};

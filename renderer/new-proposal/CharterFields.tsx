import { proposalKinds } from '../../shared/format/kinds';
import { choicesFor, describeKey, groupKeys, hintFor, ruleFields, ruleKeys } from './charter-rows';
import type { ChangeRow, FieldsProps } from './draft';

/** amend-charter: one row per setting, a bare rule field standing for every kind. */
export const CharterFields = ({ draft, change }: FieldsProps) => {
  const rows = draft.changes;
  const edit = (i: number, patch: Partial<ChangeRow>) =>
    change({ changes: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="stack">
      <legend>Changes to the charter</legend>
      {rows.map((row, i) => {
        const choices = choicesFor(row.key);
        return (
          <div key={i} className="new-row">
            <label>
              Setting
              <select
                data-testid={`new-change-key-${i}`}
                value={row.key}
                onChange={(e) => edit(i, { key: e.target.value, value: '' })}
              >
                <optgroup label="Group">
                  {groupKeys.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Every kind">
                  {ruleFields.map((k) => (
                    <option key={k} value={k}>
                      {describeKey(k)}
                    </option>
                  ))}
                </optgroup>
                {proposalKinds.map((kind) => (
                  <optgroup key={kind} label={kind}>
                    {ruleKeys(kind).map((k) => (
                      <option key={k} value={k}>
                        {describeKey(k)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <label>
              New value
              {choices ? (
                <select
                  data-testid={`new-change-value-${i}`}
                  value={row.value}
                  onChange={(e) => edit(i, { value: e.target.value })}
                >
                  <option value="">Choose</option>
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  data-testid={`new-change-value-${i}`}
                  value={row.value}
                  placeholder={hintFor(row.key)}
                  onChange={(e) => edit(i, { value: e.target.value })}
                />
              )}
            </label>
            <button
              type="button"
              aria-label={`Remove change ${i + 1}`}
              onClick={() => change({ changes: rows.filter((_, j) => j !== i) })}
              disabled={rows.length === 1}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        data-testid="new-add-change"
        onClick={() => change({ changes: [...rows, { key: 'threshold', value: '' }] })}
      >
        Add change
      </button>
    </fieldset>
  );
};

import { proposalKinds } from '../../shared/format/kinds';
import { kindLabel } from '../../shared/format/kind-labels';
import {
  choicesFor,
  describeKey,
  durationParts,
  groupKeys,
  nowWords,
  ruleFields,
  ruleKeys,
  unitOf,
} from './charter-rows';
import type { ChangeRow, FieldsProps } from './draft';

type ValueProps = { row: ChangeRow; i: number; edit: (patch: Partial<ChangeRow>) => void };

/** The new value, entered in the setting's own unit: a choice, a percentage, hours or days. */
const NewValue = ({ row, i, edit }: ValueProps) => {
  const testId = `new-change-value-${i}`;
  const choices = choicesFor(row.key);
  if (choices)
    return (
      <select
        data-testid={testId}
        value={row.value}
        onChange={(e) => edit({ value: e.target.value })}
      >
        <option value="">Choose</option>
        {choices.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    );
  switch (unitOf(row.key)) {
    case 'percent':
      return (
        <span className="new-unit">
          <input
            data-testid={testId}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            value={row.value}
            placeholder="50"
            onChange={(e) => edit({ value: e.target.value })}
          />
          <span aria-hidden="true">%</span>
        </span>
      );
    case 'duration': {
      const { amount, unit } = durationParts(row.value);
      return (
        <span className="new-unit">
          <input
            data-testid={testId}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={amount}
            placeholder="3"
            onChange={(e) => edit({ value: `${e.target.value}${unit}` })}
          />
          <select
            data-testid={`new-change-unit-${i}`}
            aria-label="Unit"
            value={unit}
            onChange={(e) => edit({ value: `${amount}${e.target.value}` })}
          >
            <option value="h">hours</option>
            <option value="d">days</option>
          </select>
        </span>
      );
    }
    case 'text':
      return (
        <input
          data-testid={testId}
          value={row.value}
          placeholder={row.key === 'name' ? 'The group’s new name' : ''}
          onChange={(e) => edit({ value: e.target.value })}
        />
      );
  }
};

/** amend-charter: one row per setting named in words, its value now beside the new one. */
export const CharterFields = ({ draft, state, change }: FieldsProps) => {
  const rows = draft.changes;
  const edit = (i: number, patch: Partial<ChangeRow>) =>
    change({ changes: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <fieldset className="stack">
      <legend>Changes to the charter</legend>
      {rows.map((row, i) => (
        <div key={i} className="new-row new-change">
          <label>
            Setting
            <select
              data-testid={`new-change-key-${i}`}
              value={row.key}
              title={row.key}
              onChange={(e) => edit(i, { key: e.target.value, value: '' })}
            >
              <optgroup label="The group">
                {groupKeys.map((k) => (
                  <option key={k} value={k} title={k}>
                    {describeKey(k)}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Every kind">
                {ruleFields.map((k) => (
                  <option key={k} value={k} title={k}>
                    {describeKey(k)}
                  </option>
                ))}
              </optgroup>
              {proposalKinds.map((kind) => (
                <optgroup key={kind} label={kindLabel(kind)}>
                  {ruleKeys(kind).map((k) => (
                    <option key={k} value={k} title={k}>
                      {describeKey(k)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <p className="new-now" data-testid={`new-change-now-${i}`}>
            <span className="muted">Now</span>{' '}
            <strong>{nowWords(state.charter, row.key) ?? '—'}</strong>
          </p>
          <label>
            New value
            <NewValue row={row} i={i} edit={(patch) => edit(i, patch)} />
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
      ))}
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

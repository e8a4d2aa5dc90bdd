/**
 * The further founders of a group being founded, one row each: a name and the public key they
 * read out from their own Steward (Settings → Identity). Each signs the charter before the
 * group begins.
 */
export type FounderRow = { name: string; key: string };

/** What is wrong with a row, in words; undefined when it is fine. */
export const founderProblem = (row: FounderRow): string | undefined => {
  if (row.name.trim() === '') return 'Give each founder a name.';
  if (!/^[A-Za-z0-9_-]{43}$/.test(row.key.trim()))
    return `${row.name.trim()}'s public key is 43 letters, digits, - or _ (as Settings shows it).`;
  return undefined;
};

export const FounderRows = ({
  rows,
  onChange,
  disabled,
}: {
  rows: FounderRow[];
  onChange: (rows: FounderRow[]) => void;
  disabled: boolean;
}) => {
  const edit = (i: number, change: Partial<FounderRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const problem = rows.map(founderProblem).find((p) => p !== undefined);
  return (
    <fieldset className="founders stack" data-testid="founders">
      <legend>Further founders</legend>
      {rows.length === 0 && <p className="muted">None: you found the group alone.</p>}
      {rows.map((row, i) => (
        <div className="founder-row" key={i} data-testid="founder-row">
          <label>
            Name
            <input
              data-testid="founder-name"
              value={row.name}
              maxLength={100}
              onChange={(e) => edit(i, { name: e.target.value })}
              disabled={disabled}
            />
          </label>
          <label>
            Public key
            <input
              data-testid="founder-key"
              className="mono"
              value={row.key}
              maxLength={64}
              spellCheck={false}
              onChange={(e) => edit(i, { key: e.target.value })}
              disabled={disabled}
            />
          </label>
          <button
            type="button"
            aria-label={`Remove ${row.name.trim() || 'this founder'}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      {problem !== undefined && (
        <p role="alert" className="error" data-testid="founder-problem">
          {problem}
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          data-testid="founder-add"
          disabled={disabled || rows.length >= 64}
          onClick={() => onChange([...rows, { name: '', key: '' }])}
        >
          Add a founder
        </button>
      </div>
    </fieldset>
  );
};

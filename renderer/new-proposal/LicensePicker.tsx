import { useId, useState } from 'react';
import licenseIds from 'spdx-license-ids/index.json';
import { isSpdxExpression } from '../../shared/spdx';

const LIMIT = 8;

/** The word being typed at the end of an expression ("Apache-2.0 OR MI" → "MI"). */
const lastWord = (text: string): string => /[^\s()]*$/.exec(text)?.[0] ?? '';

const suggestionsFor = (word: string): string[] => {
  if (word === '') return [];
  const w = word.toLowerCase();
  const starts = licenseIds.filter((id) => id.toLowerCase().startsWith(w));
  const contains = licenseIds.filter(
    (id) => !id.toLowerCase().startsWith(w) && id.toLowerCase().includes(w),
  );
  return [...starts, ...contains].slice(0, LIMIT);
};

type Props = { value: string; onChange: (value: string) => void };

/**
 * An SPDX licence: a known identifier picked from the list as you type, or any expression
 * (`Apache-2.0 OR MIT`, `GPL-3.0-only WITH GCC-exception-3.1`) typed in full.
 */
export const LicensePicker = ({ value, onChange }: Props) => {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const word = lastWord(value);
  const found = suggestionsFor(word).filter((id) => id !== word);
  const valid = value.trim() !== '' && isSpdxExpression(value.trim());
  return (
    <div className="license-picker">
      <label>
        Licence (SPDX)
        <input
          data-testid="new-license"
          value={value}
          placeholder="Search, e.g. Apache"
          autoComplete="off"
          aria-controls={listId}
          onFocus={() => setOpen(true)}
          onChange={(e) => {
            onChange(e.target.value);
            setOpen(true);
          }}
        />
      </label>
      {open && found.length > 0 && (
        <ul id={listId} className="license-options" aria-label="Matching licences">
          {found.map((id) => (
            <li key={id}>
              <button
                type="button"
                data-testid="spdx-option"
                data-id={id}
                onClick={() => {
                  onChange(value.slice(0, value.length - word.length) + id);
                  setOpen(false);
                }}
              >
                {id}
              </button>
            </li>
          ))}
        </ul>
      )}
      {value.trim() !== '' && (
        <p className={valid ? 'muted' : 'hint-bad'} data-testid="license-check">
          {valid ? 'A valid SPDX expression.' : 'Not an SPDX expression yet.'}
        </p>
      )}
    </div>
  );
};

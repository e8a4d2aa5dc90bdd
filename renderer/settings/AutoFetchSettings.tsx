import { useState } from 'react';
import { chooseAutoFetchMB, MAX_AUTO_FETCH_MB, storedAutoFetchMB } from './auto-fetch';
import './settings.css';

/** How large a newly approved model may be for the app to fetch it after a sync without asking. */
export const AutoFetchSettings = () => {
  const [mb, setMb] = useState(() => String(storedAutoFetchMB()));
  const n = Number(mb);
  const valid = /^\d+$/.test(mb) && n <= MAX_AUTO_FETCH_MB;
  return (
    <section className="card stack" aria-labelledby="settings-models">
      <h2 id="settings-models">Model files</h2>
      <label className="auto-fetch-row">
        <span>Fetch approved models automatically up to</span>
        <input
          type="number"
          min={0}
          max={MAX_AUTO_FETCH_MB}
          step={1}
          inputMode="numeric"
          data-testid="auto-fetch-mb"
          value={mb}
          aria-invalid={!valid}
          onChange={(e) => {
            setMb(e.target.value);
            if (/^\d+$/.test(e.target.value)) chooseAutoFetchMB(Number(e.target.value));
          }}
        />
        <span>MB</span>
      </label>
      <p className="muted">
        {!valid
          ? `A whole number of megabytes, from 0 to ${MAX_AUTO_FETCH_MB.toLocaleString('en')}.`
          : n === 0
            ? 'Never: after a sync, the app offers to fetch a newly approved model and waits for you.'
            : `After a sync, a newly approved model whose missing files come to ${n.toLocaleString('en')} MB or less is fetched by itself; a larger one waits for you.`}
      </p>
    </section>
  );
};

import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../common/ErrorAlert';
import type { AuditFormat } from './audit-store';
import { CsvPreview } from './CsvPreview';
import { ExportedNote, sizeOf } from './ExportedNote';
import { useAudit } from './useAudit';
import { useObjectUrls } from './useObjectUrls';
import './audit.css';

/** The export's files, each a download, with the CSV ones shown as tables below. */
const Files = () => {
  const result = useAudit((s) => s.result);
  const urls = useObjectUrls(result?.files);
  if (result === undefined) return null;
  return (
    <section className="stack" aria-labelledby="audit-files-heading">
      <h2 id="audit-files-heading">Files</h2>
      <ExportedNote result={result} />
      <ul className="audit-files">
        {result.files.map((f, i) => (
          <li key={f.name}>
            <a href={urls[i]} download={f.name} data-testid="audit-file">
              {f.name}
            </a>{' '}
            <span className="muted">{sizeOf(f.content)}</span>
          </li>
        ))}
      </ul>
      {result.format === 'html' ? (
        // The app's CSP (default-src 'self') would also bind a srcdoc frame and strip the
        // report's own styles, so the page is not previewed here: it opens as it is in a browser.
        <p className="muted">Choose CSV to preview the rows here.</p>
      ) : (
        result.files.map((f) => <CsvPreview key={f.name} file={f} />)
      )}
    </section>
  );
};

/** Decisions, votes and ownership changes of a period, for an auditor, as CSV or one HTML page. */
export const AuditView = () => {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [format, setFormat] = useState<AuditFormat>('csv');
  const busy = useAudit((s) => s.busy);
  const error = useAudit((s) => s.error);
  const run = useAudit((s) => s.run);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run({ from, to, format });
  };
  return (
    <section className="stack">
      <h1>Audit export</h1>
      <p className="muted">
        A proposal belongs to the period when it was created in it; its votes and the ownership
        changes it made go with it. Dates are whole days in UTC, both included. Leave a date empty
        to start at the group&apos;s founding or end at the latest change.
      </p>
      <form className="audit-form" onSubmit={submit}>
        <label>
          From
          <input
            type="date"
            data-testid="audit-from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label>
          To
          <input
            type="date"
            data-testid="audit-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </label>
        <label>
          Format
          <select
            data-testid="audit-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as AuditFormat)}
          >
            <option value="csv">CSV (three tables)</option>
            <option value="html">HTML (one page)</option>
          </select>
        </label>
        <button type="submit" data-testid="audit-submit" className="primary" disabled={busy}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </form>
      <ErrorAlert message={error} />
      <Files />
    </section>
  );
};

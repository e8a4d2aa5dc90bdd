import type { AuditFile } from '../../shared/api-types';
import type { AuditRequest } from './audit-store';
import { csvRows } from './csv-rows';

export const sizeOf = (content: string): string => {
  const bytes = new Blob([content]).size;
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
};

const period = ({ from, to }: AuditRequest): string =>
  from === '' && to === ''
    ? 'the whole history'
    : `${from === '' ? "the group's founding" : from} to ${to === '' ? 'the latest change' : to}`;

/** A CSV file's records, less its header. */
const rowCount = (f: AuditFile): number => Math.max(0, csvRows(f.content).length - 1);

const describe = (f: AuditFile): string =>
  f.name.endsWith('.csv')
    ? `${f.name} (${rowCount(f)} ${rowCount(f) === 1 ? 'row' : 'rows'}, ${sizeOf(f.content)})`
    : `${f.name} (${sizeOf(f.content)})`;

/** Says what the export made, for which period, and what to do with it. */
export const ExportedNote = ({ result }: { result: AuditRequest & { files: AuditFile[] } }) => (
  <p className="audit-exported" role="status" data-testid="audit-exported">
    Exported {result.format === 'html' ? 'one HTML page' : `${result.files.length} CSV files`} for{' '}
    {period(result)}: {result.files.map(describe).join(', ')}. Click a file below to save it
    {result.format === 'html' ? ', then open it in a browser to read or print it' : ''}.
  </p>
);

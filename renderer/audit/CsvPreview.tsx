import type { AuditFile } from '../../shared/api-types';
import { csvRows } from './csv-rows';

/** The first rows shown; the file holds them all. */
const PREVIEW_ROWS = 50;

const HASH = /^[0-9a-f]{40,64}$/;

/** A cell as the preview shows it: hashes and ids short, the whole value on hover. */
const Cell = ({ text }: { text: string }) => (
  <td title={text}>{HASH.test(text) ? `${text.slice(0, 8)}…` : text}</td>
);

/** One CSV file of the export as a table, so the user sees what they are about to hand over. */
export const CsvPreview = ({ file }: { file: AuditFile }) => {
  const [columns = [], ...rows] = csvRows(file.content);
  return (
    <div className="audit-preview">
      <table data-testid="audit-preview">
        <caption>
          {file.name}: {rows.length} {rows.length === 1 ? 'row' : 'rows'}
          {rows.length > PREVIEW_ROWS && `, first ${PREVIEW_ROWS} shown`}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, PREVIEW_ROWS).map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <Cell key={j} text={cell} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

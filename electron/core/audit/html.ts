/**
 * audit.html: one self-contained page — no scripts, no external resources, every text escaped —
 * that a regulator can open offline, print or archive as it is.
 */
import { cellText, type Table } from './table';

export type ReportHeader = {
  group: { id: string; name: string };
  range: string;
  generatedAt: string;
  head: string;
};

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; font-size: 12px; }
th, td { border: 1px solid #999; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; } td { white-space: pre-wrap; word-break: break-word; }
.note { border-left: 4px solid #555; padding-left: 1rem; }
`;

const tableHtml = (t: Table): string => {
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(cellText(c))}</td>`).join('')}</tr>`)
    .join('\n');
  const empty = t.rows.length === 0 ? '<p>None in this range.</p>\n' : '';
  return `<h2>${escapeHtml(t.title)} (${t.rows.length})</h2>\n${empty}<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
};

export const toHtml = (header: ReportHeader, tables: Table[]): string => {
  const e = escapeHtml;
  const title = `Audit of ${header.group.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(title)}</h1>
<dl>
<dt>Group</dt><dd>${e(header.group.name)}</dd>
<dt>Group id</dt><dd>${e(header.group.id)}</dd>
<dt>Period</dt><dd>${e(header.range)}</dd>
<dt>Generated at</dt><dd>${e(header.generatedAt)}</dd>
<dt>Head commit</dt><dd>${e(header.head)}</dd>
</dl>
<p class="note">Every row below is derived from signed statements in the group's git repo. Anyone
can check each of them by running <code>steward verify</code> against the repo at commit
<code>${e(header.head)}</code>, and <code>steward show &lt;proposal id&gt;</code> for one
decision; ids are the statements' full ids. The same tables come as CSV files.</p>
${tables.map(tableHtml).join('\n')}
</body>
</html>
`;
};

/**
 * audit.html: one self-contained page — no scripts, no external resources, every text escaped —
 * that a compliance officer can open offline, read, print or archive as it is. A summary comes
 * first (the group, its members and models, the period's decisions), then the decisions, votes
 * and ownership tables, then every id in full.
 */
import type { DerivedState, ProposalView } from '../../../shared/derive/state';
import { escapeHtml } from './escape';
import { IdIndex } from './ids';
import type { Names } from './people';
import { REPORT_STYLE } from './report-style';
import { summaryHtml } from './report-summary';
import { decisionsHtml, ownershipHtml, votesHtml } from './report-tables';
import type { Table } from './table';
import { readableDate } from './words';

export { escapeHtml };

export type ReportHeader = {
  group: { id: string; name: string };
  range: string;
  generatedAt: string;
  head: string;
};

export type ReportInput = {
  header: ReportHeader;
  state: DerivedState;
  /** The period's proposals, oldest first. */
  proposals: ProposalView[];
  names: Names;
  tables: { decisions: Table; votes: Table; ownership: Table };
};

export const toHtml = ({ header, state, proposals, names, tables }: ReportInput): string => {
  const e = escapeHtml;
  const title = `Audit of ${header.group.name}`;
  const ids = new IdIndex();
  // In reading order, so each id is described by the first place that shows it.
  const summary = summaryHtml(state, proposals, names, ids);
  const parts = [
    decisionsHtml(tables.decisions, ids, proposals),
    votesHtml(tables.votes, ids),
    ownershipHtml(tables.ownership, ids),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
<dl class="meta">
<dt>Group</dt><dd>${e(header.group.name)}</dd>
<dt>Group id</dt><dd><code>${e(header.group.id)}</code></dd>
<dt>Period</dt><dd>${e(header.range)}</dd>
<dt>Generated at</dt><dd>${e(readableDate(header.generatedAt))} <span class="muted">(${e(header.generatedAt)})</span></dd>
<dt>Head commit</dt><dd><code>${e(header.head)}</code></dd>
</dl>
</header>
${summary}
<p class="note">Every row below is derived from signed statements in the group's git repo. Anyone
can check each of them by running <code>steward verify</code> against the repo at commit
<code>${e(header.head)}</code>, and <code>steward show &lt;proposal id&gt;</code> for one
decision. Ids are printed short; the appendix gives each in full. The same tables, with every
column, come as CSV files.</p>
${parts.join('\n')}
${ids.appendix()}
</body>
</html>
`;
};

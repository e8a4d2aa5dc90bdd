/**
 * The three tables as the printed report shows them: the same rows as the CSV files, read by
 * column name, in fewer and narrower columns — ids short (full in the title and the appendix),
 * kinds and dates in words. The CSV files keep every column.
 */
import type { ProposalView } from '../../../shared/derive/state';
import { kindLabel } from '../../../shared/format/kind-labels';
import type { ProposalKind } from '../../../shared/format/kinds';
import { escapeHtml } from './escape';
import type { IdIndex } from './ids';
import { cellText, type Table } from './table';
import { plural, readableDate, tallyText } from './words';

type Row = Record<string, string>;
/** A column: its heading, a class for its width, and its cell's HTML from a row. */
type Column = { head: string; width: string; html: (r: Row) => string };

const e = escapeHtml;
const rowsOf = (t: Table): Row[] =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, cellText(r[i])])));

const date = (iso: string): string =>
  iso === '' ? '' : `<span title="${e(iso)}">${e(readableDate(iso))}</span>`;
const person = (name: string, id: string, ids: IdIndex): string =>
  id === '' ? '' : `${e(name || '(unknown)')} ${ids.cell(id, `member: ${name || '(unknown)'}`)}`;
const lines = (...parts: string[]): string => parts.filter((p) => p !== '').join('<br>');

const decisionColumns = (ids: IdIndex, byId: Map<string, ProposalView>): Column[] => [
  {
    head: 'Proposal',
    width: '',
    html: (r) =>
      lines(
        `<strong>${e(r.title!)}</strong>`,
        `<span title="${e(r.kind!)}">${e(kindLabel(r.kind as ProposalKind))}</span> · ${ids.cell(r['proposal id'], `proposal: ${r.title}`)}`,
      ),
  },
  {
    head: 'Created',
    width: 'c-date',
    html: (r) => lines(date(r.created!), `by ${person(r['author name']!, r['author id']!, ids)}`),
  },
  {
    head: 'Outcome',
    width: 'c-outcome',
    html: (r) =>
      lines(
        `<strong>${e(r.status!.replace(/^./, (c) => c.toUpperCase()))}</strong>`,
        r.status === 'passed' || r.status === 'rejected'
          ? r.final === 'yes'
            ? 'final'
            : 'provisional'
          : '',
        e(r['why not passed']!),
        r.effect ? `effect ${e(r.effect)}` : '',
      ),
  },
  {
    head: 'Tally',
    width: 'c-tally',
    html: (r) => {
      const p = byId.get(r['proposal id']!);
      return p ? e(tallyText(p.tally, p.rule.weight)).replace('; ', '<br>') : '';
    },
  },
  {
    head: 'Closed',
    width: 'c-closed',
    html: (r) =>
      r['close id'] === ''
        ? ''
        : lines(
            date(r['decided at']!),
            `by ${e(r['closed by name'] || '(unknown)')}`,
            ids.cell(r['close id'], `close of: ${r.title}`),
            r['certified by']
              ? `certified by ${e(r['certified by'].replace(/=[0-9a-f]{64}/g, ''))}`
              : '',
          ),
  },
];

const voteColumns = (ids: IdIndex): Column[] => [
  { head: 'Voter', width: 'c-person', html: (r) => person(r['voter name']!, r['voter id']!, ids) },
  { head: 'Choice', width: 'c-choice', html: (r) => e(r.choice!) },
  { head: 'Weight', width: 'c-num', html: (r) => e(r.weight!) },
  { head: 'Cast', width: 'c-date', html: (r) => date(r.created!) },
  {
    head: 'Counted',
    width: 'c-counted',
    html: (r) =>
      r['not counted because'] ? `${e(r.counted!)}: ${e(r['not counted because'])}` : e(r.counted!),
  },
  { head: 'Reason given', width: '', html: (r) => e(r['reason given']!) },
  {
    head: 'Vote id',
    width: 'c-id',
    html: (r) => ids.cell(r['vote id'], `vote by ${r['voter name'] || '(unknown)'}`),
  },
];

const ownershipColumns = (ids: IdIndex): Column[] => [
  {
    head: 'Model',
    width: 'c-kind',
    html: (r) => `<span title="${e(r.model!)}">${e(r['model name']!)}</span>`,
  },
  { head: 'When', width: 'c-date', html: (r) => date(r.at!) },
  { head: 'Proposal', width: 'c-id', html: (r) => ids.cell(r['proposal id'], 'proposal') },
  { head: 'Change', width: '', html: (r) => e(r.change!) },
  { head: 'Owners after', width: '', html: (r) => e(r['owners after']!.replaceAll('=', ': ')) },
];

const tableHtml = (columns: Column[], body: string): string => {
  const cols = columns.map((c) => (c.width ? `<col class="${c.width}">` : '<col>')).join('');
  const head = columns.map((c) => `<th scope="col">${e(c.head)}</th>`).join('');
  return `<table>\n<colgroup>${cols}</colgroup>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
};

const cells = (columns: Column[], r: Row): string =>
  `<tr>${columns.map((c) => `<td>${c.html(r)}</td>`).join('')}</tr>`;

const section = (id: string, t: Table, intro: string, table: string): string =>
  `<section class="part" aria-labelledby="${id}">
<h2 id="${id}">${e(t.title)} (${t.rows.length})</h2>
<p class="intro">${intro} All columns, with full ids, are in <code>${e(t.file)}</code>.</p>
${t.rows.length === 0 ? '<p>None in this period.</p>' : table}
</section>`;

/** `proposals` gives each row's tally in its unit (members or shares). */
export const decisionsHtml = (t: Table, ids: IdIndex, proposals: ProposalView[]): string => {
  const columns = decisionColumns(ids, new Map(proposals.map((p) => [p.id, p])));
  const body = rowsOf(t).map((r) => cells(columns, r));
  return section(
    'decisions',
    t,
    'One row per proposal created in the period, oldest first. An open proposal shows the tally it would have if closed now.',
    tableHtml(columns, body.join('\n')),
  );
};

/** Votes grouped under the proposal they were cast on. */
export const votesHtml = (t: Table, ids: IdIndex): string => {
  const columns = voteColumns(ids);
  const groups = new Map<string, Row[]>();
  for (const r of rowsOf(t))
    groups.set(r['proposal id']!, [...(groups.get(r['proposal id']!) ?? []), r]);
  const body = [...groups].map(([id, rows]) => {
    const title = rows[0]!['proposal title']!;
    const heading = `<tr class="group"><th colspan="${columns.length}" scope="rowgroup">${e(title)} · ${ids.cell(id, `proposal: ${title}`)} · ${plural(rows.length, 'vote')}</th></tr>`;
    return [heading, ...rows.map((r) => cells(columns, r))].join('\n');
  });
  return section(
    'votes',
    t,
    'Every vote cast on those proposals, counted or not, and why not.',
    tableHtml(columns, body.join('\n')),
  );
};

export const ownershipHtml = (t: Table, ids: IdIndex): string => {
  const columns = ownershipColumns(ids);
  return section(
    'ownership',
    t,
    "Each change those proposals made to a model's owners, with the owners after it, in shares.",
    tableHtml(
      columns,
      rowsOf(t)
        .map((r) => cells(columns, r))
        .join('\n'),
    ),
  );
};

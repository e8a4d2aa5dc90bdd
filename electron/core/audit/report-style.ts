/**
 * The report's own stylesheet, inline because the page is self-contained: a calm page on screen,
 * and on paper (A4 or Letter, portrait) each part on its own page, headers repeated, nothing wider
 * than the page.
 */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111;
  margin: 2rem auto; padding: 0 1.5rem; max-width: 64rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .4rem; border-bottom: 2px solid #333; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p { margin: .4rem 0; } .lead { font-size: 1.05rem; } .intro, .muted { color: #444; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
code, .id, .full { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.id { white-space: nowrap; }
.note { border-left: 4px solid #555; padding: .2rem 0 .2rem .8rem; color: #333; }
ol.decisions { padding-left: 1.6rem; } ol.decisions li { margin: .15rem 0; }
.columns { display: grid; grid-template-columns: 1fr 1.6fr; gap: 0 1.5rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 12px; }
table.compact { table-layout: auto; }
th, td { border: 1px solid #aaa; padding: .25rem .35rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
thead th { background: #eee; }
td { white-space: pre-line; }
tr.group th { background: #f6f6f6; font-weight: 600; border-top: 2px solid #666; }
col.c-id { width: 7.5em; } col.c-date { width: 8.5em; } col.c-kind { width: 8em; }
col.c-person { width: 8.5em; } col.c-outcome { width: 8em; } col.c-tally { width: 11em; }
col.c-closed { width: 9em; } col.c-choice { width: 7em; } col.c-num { width: 5.5em; }
col.c-counted { width: 7em; } col.c-short { width: 8em; } col.c-full { width: 42em; }
table.ids td { font-size: 11px; } table.ids td.full { white-space: nowrap; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; margin: 0; padding: 0; max-width: none; }
  h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 0; } h3 { font-size: 11pt; }
  table { font-size: 8pt; } table.ids td { font-size: 7pt; }
  .part { break-before: page; }
  h2, h3, tr.group { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .columns { display: block; }
  a { color: inherit; text-decoration: none; }
}
`;

import { beforeAll, describe, expect, it } from 'vitest';
import { auditExport } from '../../electron/core/audit/audit-export';
import { csvField } from '../../electron/core/audit/csv';
import type { Loaded } from '../../electron/core/ledger/ledger';
import { auditGuild, day, GENERATED, HOSTILE, rowsOf } from '../helpers/audit-guild';

describe('auditExport', () => {
  let ids: Record<string, string>;
  let proposals: { hostile: string; register: string; transfer: string; poll: string };
  let loaded: Loaded;

  const csv = (range: { from?: string; to?: string } = {}) =>
    auditExport(loaded.state, range, 'csv', {
      generatedAt: GENERATED,
      head: loaded.head!,
      statements: loaded.checked,
    }).files;

  beforeAll(async () => {
    ({ ids, proposals, loaded } = await auditGuild());
  }, 120_000);

  it('writes one decision row per proposal, with names, ids, tallies and the close', () => {
    const rows = rowsOf(csv(), 'decisions.csv');
    expect(rows.map((r) => r['proposal id'])).toEqual([
      proposals.hostile,
      proposals.register,
      proposals.transfer,
      proposals.poll,
    ]);
    const [hostile, , transfer, poll] = rows;
    expect(hostile).toMatchObject({
      kind: 'resolution',
      title: HOSTILE,
      'author name': 'Alice',
      'author id': ids.Alice,
      created: day(2),
      status: 'passed',
      'tally method': 'yes-no',
      yes: '2',
      no: '0',
      abstain: '1',
      electorate: '3',
      'quorum met': 'yes',
      'decided at': day(2, 5),
      'closed by name': 'Alice',
      'closed by id': ids.Alice,
    });
    expect(hostile!['close id']).toMatch(/^[0-9a-f]{64}$/);
    // The title starts with a minus: a spreadsheet would read it as a formula.
    expect(transfer).toMatchObject({
      title: "'-15 shares for Carol",
      yes: '100',
      effect: 'applied',
    });
    expect(poll).toMatchObject({
      status: 'open',
      'tally method': 'ranked',
      'poll counts': 'llama=0; phi, small=1; mistral=0',
      'closed by id': '',
    });
  });

  it('lists every vote, the superseded one too, with its choice, weight and why it did not count', () => {
    const rows = rowsOf(csv(), 'votes.csv').filter((r) => r['proposal id'] === proposals.hostile);
    expect(
      rows.map((r) => [
        r['voter name'],
        r.choice,
        r.counted,
        r['not counted because'],
        r['reason given'],
      ]),
    ).toEqual([
      ['Bob', 'no', 'no', 'superseded', "'=1+2"],
      ['Bob', 'yes', 'yes', '', 'line one\nline two, "quoted"'],
      ['Alice', 'yes', 'yes', '', "'@SUM(A1:A9)"],
      ['Carol', 'abstain', 'yes', '', ''],
    ]);
    expect(rows[0]).toMatchObject({ 'voter id': ids.Bob, weight: '1', created: day(2, 1) });
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r['vote id']!))).toBe(true);
    const poll = rowsOf(csv(), 'votes.csv').find((r) => r['proposal id'] === proposals.poll);
    expect(poll).toMatchObject({ choice: 'phi, small > llama', counted: 'pending' });
  });

  it('records each ownership change with the owners after it, by name and by id', () => {
    const rows = rowsOf(csv(), 'ownership.csv');
    expect(rows.map((r) => [r.model, r['proposal id'], r.change, r['owners after']])).toEqual([
      ['tiny', proposals.register, 'registered', 'Alice=60; Bob=40'],
      ['tiny', proposals.transfer, '15 shares from Bob to Carol', 'Alice=60; Bob=25; Carol=15'],
    ]);
    expect(rows[1]!['owners after (ids)']).toContain(`${ids.Carol}=15`);
    expect(rows[1]!['change (ids)']).toBe(`15 shares from ${ids.Bob} to ${ids.Carol}`);
  });

  it('keeps a proposal and all its rows when its creation falls in the range, bounds included', () => {
    const files = csv({ from: '2026-01-05', to: '2026-01-08' });
    const decided = rowsOf(files, 'decisions.csv').map((r) => r['proposal id']);
    expect(decided).toEqual([proposals.transfer, proposals.poll]);
    expect(new Set(rowsOf(files, 'votes.csv').map((r) => r['proposal id']))).toEqual(
      new Set(decided),
    );
    expect(rowsOf(files, 'ownership.csv').map((r) => r['proposal id'])).toEqual([
      proposals.transfer,
    ]);
    const exact = csv({ from: day(2), to: day(3) });
    expect(rowsOf(exact, 'decisions.csv').map((r) => r['proposal id'])).toEqual([
      proposals.hostile,
      proposals.register,
    ]);
    expect(rowsOf(csv({ from: '2026-01-09' }), 'decisions.csv')).toEqual([]);
  });

  it.each([
    [{ from: '2026-13-01' }],
    [{ to: 'yesterday' }],
    [{ from: '2026-01-05T00:00:00Z' }],
    [{ from: '2026-01-09', to: '2026-01-08' }],
  ])('refuses the range %j', (range) => {
    expect(() => csv(range)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });

  it('writes RFC 4180: CRLF line ends, quoted fields, a header row', () => {
    for (const f of csv()) {
      expect(f.content.endsWith('\r\n')).toBe(true);
      expect(f.content.replaceAll('\r\n', '')).not.toMatch(/\r(?!\n)/);
    }
    const decisions = csv().find((f) => f.name === 'decisions.csv')!.content;
    expect(decisions).toContain('"Fix <script>alert(""x"")</script> & ""quotes"", commas"');
    expect(decisions.startsWith('proposal id,kind,title,author name,author id,')).toBe(true);
  });

  it.each([
    ['=cmd|"/c calc"!A1', `"'=cmd|""/c calc""!A1"`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
    [-1, '-1'],
    [true, 'yes'],
    [undefined, ''],
  ])('guards the cell %j against formula injection', (cell, field) => {
    expect(csvField(cell)).toBe(field);
  });

  it('writes one self-contained, escaped HTML page, the same for the same inputs', () => {
    const context = { generatedAt: GENERATED, head: loaded.head!, statements: loaded.checked };
    const [page, ...more] = auditExport(loaded.state, {}, 'html', context).files;
    expect(more).toEqual([]);
    expect(page!.name).toBe('audit.html');
    const html = page!.content;
    expect(html).toBe(auditExport(loaded.state, {}, 'html', context).files[0]!.content);
    expect(html).not.toMatch(/<script|\bsrc=|\bhref=|url\(|@import/i);
    expect(html).toContain(
      'Fix &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;, commas',
    );
    expect(html).toContain('<title>Audit of Audit &amp; &lt;Guild&gt;</title>');
    expect(html).toContain(loaded.state.group!.id);
    expect(html).toContain(GENERATED);
    expect(html).toContain(
      `<code>steward verify</code> against the repo at commit\n<code>${loaded.head}</code>`,
    );
    expect(html).toContain('line one\nline two, &quot;quoted&quot;');
    // A summary, three tables with their row counts (4 decisions, 4 + 3 + 2 + 1 votes, 2
    // changes), then the ids in full.
    expect(html.match(/<h2[^>]*>[^<]*<\/h2>/g)).toEqual([
      '<h2 id="summary">Summary</h2>',
      '<h2 id="decisions">Decisions (4)</h2>',
      '<h2 id="votes">Votes (10)</h2>',
      '<h2 id="ownership">Ownership (2)</h2>',
      expect.stringMatching(/^<h2 id="ids">Appendix: full ids \(\d+\)<\/h2>$/),
    ]);
  });

  const html = () =>
    auditExport(loaded.state, {}, 'html', {
      generatedAt: GENERATED,
      head: loaded.head!,
      statements: loaded.checked,
    }).files[0]!.content;
  /** The page's text as a reader sees it: no tags, no attributes, entities read back. */
  const textOf = (part: string) =>
    part
      .replace(/<style>[\s\S]*<\/style>/, '')
      .replace(/<[^>]*>/g, ' ')
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const between = (page: string, from: string, to: string) =>
    page.slice(page.indexOf(from), to === '' ? undefined : page.indexOf(to));

  it('opens the report with a summary: the counts, each decision, the members and the owners', () => {
    const page = html();
    const order = ['id="summary"', 'id="decisions"', 'id="votes"', 'id="ownership"', 'id="ids"'];
    const at = order.map((o) => page.indexOf(o));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const summary = textOf(between(page, 'id="summary"', 'id="decisions"')).replace(/\s+/g, ' ');
    expect(summary).toContain(
      '4 decisions in the period: 3 passed, 1 open, 3 of the closed ones still provisional.',
    );
    expect(summary).toContain(
      `2 Jan 2026 · Resolution · ${HOSTILE} — Passed, provisional (not yet certified)`,
    );
    expect(summary).toContain('3 Jan 2026 · Register a model · Register tiny — Passed');
    expect(summary).toContain('5 Jan 2026 · Transfer shares · -15 shares for Carol — Passed');
    expect(summary).toContain('8 Jan 2026 · Poll · Next — Open');
    expect(summary).toMatch(/Members \(3\).*Alice.*Bob.*Carol/);
    expect(summary).toContain('Tiny (tiny)');
    expect(summary).toContain('Alice: 60 shares (60%) Bob: 25 shares (25%) Carol: 15 shares (15%)');
  });

  it('prints ids short with the full id in the title and the appendix, kinds and dates in words', () => {
    const page = html();
    const tables = between(page, 'id="decisions"', 'id="ids"');
    for (const id of Object.values(proposals)) {
      expect(tables).toContain(`<span class="id" title="${id}">${id.slice(0, 10)}</span>`);
    }
    // No full id and no ISO timestamp is the text of a cell: they sit in titles.
    expect(textOf(tables)).not.toMatch(/[0-9a-f]{64}/);
    expect(textOf(tables)).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(tables).toContain(`<span title="${day(3)}">3 Jan 2026, 00:00 UTC</span>`);
    expect(tables).toContain('<span title="register-model">Register a model</span>');
    expect(textOf(tables)).not.toMatch(/\bregister-model\b|\btransfer-shares\b/);
    const appendix = between(page, 'id="ids"', '');
    for (const id of [...Object.values(proposals), ids.Alice!, ids.Bob!, ids.Carol!]) {
      expect(appendix).toContain(`<td class="full">${id}</td>`);
    }
    expect(appendix).toContain(`<td>member: Carol</td>`);
  });

  it('carries print CSS: a page per part, headers repeated, rows kept whole, tables as wide as the page', () => {
    const page = html();
    const style = page.slice(page.indexOf('<style>'), page.indexOf('</style>'));
    expect(style).toMatch(/@page\s*\{[^}]*margin/);
    const print = style.slice(style.indexOf('@media print'));
    expect(print).toMatch(/\.part\s*\{\s*break-before:\s*page/);
    expect(print).toMatch(/thead\s*\{\s*display:\s*table-header-group/);
    expect(print).toMatch(/tr\s*\{\s*break-inside:\s*avoid/);
    expect(style).toMatch(/table\s*\{[^}]*width:\s*100%[^}]*table-layout:\s*fixed/);
    expect((page.match(/class="part"/g) ?? []).length).toBe(3);
  });

  it('keeps every column of the CSV files, full ids included', () => {
    const [decisions, votes, ownership] = csv().map((f) => f.content.split('\r\n')[0]);
    expect(decisions).toBe(
      'proposal id,kind,title,author name,author id,created,deadline,status,final,why not passed,' +
        'tally method,yes,no,abstain,poll counts,poll winner,participation,electorate,quorum met,' +
        'decided at,closed by name,closed by id,close id,certified by,effect',
    );
    expect(votes).toBe(
      'proposal id,proposal title,voter name,voter id,choice,weight,created,counted,' +
        'not counted because,reason given,vote id',
    );
    expect(ownership).toBe(
      'model,model name,at,proposal id,change,change (ids),owners after,owners after (ids)',
    );
    const [register] = rowsOf(csv(), 'decisions.csv').filter((r) => r.kind === 'register-model');
    expect(register!['proposal id']).toBe(proposals.register);
  });
});

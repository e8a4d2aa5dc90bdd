import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditExport, type AuditFile } from '../../electron/core/audit/audit-export';
import { csvField } from '../../electron/core/audit/csv';
import { Ledger, type Loaded } from '../../electron/core/ledger/ledger';
import { Person, steward, tempDir } from '../helpers/cli';

/** Command-line arguments from text without spaces inside them. */
const words = (text: string): string[] => text.split(' ');
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 0, d, h)).toISOString();
const GENERATED = '2026-02-01T12:00:00.000Z';
const HOSTILE = 'Fix <script>alert("x")</script> & "quotes", commas';

/** RFC 4180, strictly: CRLF between records, quoted fields may hold anything, `""` is a quote. */
const parseCsv = (text: string): string[][] => {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
    }
    const c = text[i];
    if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i += 2;
    } else if (c === '"' || c === '\n' || c === '\r') {
      throw new Error(`stray ${JSON.stringify(c)} at ${i}`);
    } else if (c !== undefined) {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record has no CRLF');
  return records;
};

/** A CSV file as objects keyed by its header. */
const rowsOf = (files: AuditFile[], name: string): Record<string, string>[] => {
  const file = files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name}`);
  const [header, ...rows] = parseCsv(file.content);
  for (const r of rows) expect(r).toHaveLength(header!.length);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
};

describe('auditExport', () => {
  const root = tempDir('steward-audit-');
  const repo = join(root, 'guild');
  const alice = new Person(join(root, 'alice'), repo);
  const bob = new Person(join(root, 'bob'), repo);
  const carol = new Person(join(root, 'carol'), repo);
  const ids: Record<string, string> = {};
  const proposals = { hostile: '', register: '', transfer: '', poll: '' };
  let loaded: Loaded;

  const csv = (range: { from?: string; to?: string } = {}) =>
    auditExport(loaded.state, range, 'csv', {
      generatedAt: GENERATED,
      head: loaded.head!,
      statements: loaded.checked,
    }).files;

  beforeAll(async () => {
    const people = { Alice: alice, Bob: bob, Carol: carol };
    for (const [name, p] of Object.entries(people)) {
      const id = p.json<{ id: string; publicKey: string }>(
        day(1),
        ...words('identity create --name'),
        name,
      );
      ids[name] = id.id;
      ids[`${name}:key`] = id.publicKey;
    }
    const founders = ['Bob', 'Carol'].flatMap((n) => ['--member', `${ids[`${n}:key`]}:${n}`]);
    const init = [
      'init',
      repo,
      '--name',
      'Audit & <Guild>',
      ...words('--voting-period 24h --json'),
    ];
    const founded = steward([...init, ...founders], alice.env(day(1)));
    expect(founded.status, founded.stdout + founded.stderr).toBe(0);
    for (const p of [bob, carol]) p.json(day(1, 1), 'charter', 'sign');

    const open = (p: Person, at: string, title: string, args: string) =>
      p.json<{ id: string }>(at, 'propose', ...words(args), '--title', title).id;
    const vote = (p: Person, at: string, id: string, ...args: string[]) =>
      p.json(at, 'vote', id, ...args);
    const hostile = (proposals.hostile = open(alice, day(2), HOSTILE, 'resolution'));
    vote(bob, day(2, 1), hostile, 'no', '--reason', '=1+2');
    vote(bob, day(2, 2), hostile, 'yes', '--reason', 'line one\nline two, "quoted"');
    vote(alice, day(2, 3), hostile, 'yes', '--reason', '@SUM(A1:A9)');
    vote(carol, day(2, 4), hostile, 'abstain');
    alice.json(day(2, 5), 'close', hostile);

    const model = `register-model --model tiny --name Tiny --license MIT --version 1.0`;
    const owners = `--owner Alice=60 --owner Bob=40 --file model.onnx=${'ab'.repeat(32)}`;
    proposals.register = open(carol, day(3), 'Register tiny', `${model} ${owners}`);
    for (const p of [alice, bob, carol]) vote(p, day(3, 1), proposals.register, 'yes');
    carol.json(day(3, 2), 'close', proposals.register);

    const transfer = 'transfer-shares --model tiny --from Bob --to Carol --shares 15';
    proposals.transfer = open(bob, day(5), '-15 shares for Carol', transfer);
    for (const p of [alice, bob]) p.json(day(5, 1), 'vote', proposals.transfer, 'yes');
    bob.json(day(5, 2), 'close', proposals.transfer);

    const options = ['--option', 'llama', '--option', 'phi, small', '--option', 'mistral'];
    proposals.poll = alice.json<{ id: string }>(
      day(8, 23),
      ...words('propose poll --title Next --method ranked'),
      ...options,
    ).id;
    alice.json(day(9), 'vote', proposals.poll, '--choice', 'B,A');

    loaded = await (await Ledger.open(repo)).load(new Date(day(12)));
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

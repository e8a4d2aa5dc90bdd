/**
 * The audit tests' group: three members, a resolution with a hostile title and votes that change,
 * a model registered and shares transferred, and an open ranked poll, over twelve days of January.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AuditFile } from '../../electron/core/audit/audit-export';
import { Ledger, type Loaded } from '../../electron/core/ledger/ledger';
import { Person, steward, tempDir } from './cli';

/** Command-line arguments from text without spaces inside them. */
const words = (text: string): string[] => text.split(' ');
export const day = (d: number, h = 0) => new Date(Date.UTC(2026, 0, d, h)).toISOString();
export const GENERATED = '2026-02-01T12:00:00.000Z';
export const HOSTILE = 'Fix <script>alert("x")</script> & "quotes", commas';

/** RFC 4180, strictly: CRLF between records, quoted fields may hold anything, `""` is a quote. */
export const parseCsv = (text: string): string[][] => {
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
export const rowsOf = (files: AuditFile[], name: string): Record<string, string>[] => {
  const file = files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name}`);
  const [header, ...rows] = parseCsv(file.content);
  for (const r of rows) expect(r).toHaveLength(header!.length);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
};

/** Builds the group in a temporary folder and loads it as of 12 January. */
export const auditGuild = async () => {
  const root = tempDir('steward-audit-');
  const repo = join(root, 'guild');
  const alice = new Person(join(root, 'alice'), repo);
  const bob = new Person(join(root, 'bob'), repo);
  const carol = new Person(join(root, 'carol'), repo);
  const ids: Record<string, string> = {};
  const proposals = { hostile: '', register: '', transfer: '', poll: '' };
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
  const init = ['init', repo, '--name', 'Audit & <Guild>', ...words('--voting-period 24h --json')];
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

  const loaded: Loaded = await (await Ledger.open(repo)).load(new Date(day(12)));
  return { ids, proposals, loaded };
};

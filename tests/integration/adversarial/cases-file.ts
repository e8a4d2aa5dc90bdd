/** Attacks stage one must catch from one file alone: its place, size, JSON, schema, signature. */
import { proposalDir, statementPath } from '../../../shared/format/paths';
import type { Envelope } from '../../../shared/format/types';
import {
  filed,
  inFolder,
  plant,
  readRepoFile,
  resolutionBy,
  sign,
  signAs,
  stmt,
  voteBy,
  type Attack,
  type Case,
  type Fields,
} from './forge';
import type { Group } from './group';
import { evidenceBody } from '../../helpers/memory-group';

/** Ada's honest-looking yes on the open proposal (she has not voted on it). */
const adaVote = (g: Group, fields: Fields = {}): Fields => ({
  ...voteBy(g, g.ada, 130, g.proposals.open),
  ...fields,
});

const adaEvidence = (g: Group): Fields => ({ proposal: g.proposals.open, ...evidenceBody() });

const at = (path: string, content: string | Buffer, reason: Case['reason']): Attack => ({
  plants: [plant(path, content)],
  expect: [{ path, reason }],
});

const without = (fields: Fields, key: string): Fields =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => k !== key));

/** A vote's file with one byte sequence that is not UTF-8 inside its reason. */
const invalidUtf8 = (g: Group): Attack => {
  const f = sign(adaVote(g, { reason: 'XX' }), [g.ada]);
  const text = Buffer.from(f.text);
  const i = text.indexOf('XX');
  text[i] = 0xc3;
  text[i + 1] = 0x28;
  return at(statementPath('vote', f.id, g.proposals.open), text, 'malformed-json');
};

/** The charter as committed, with `change` applied, signed by `signers`. */
const charterWith = (
  g: Group,
  change: (members: { id: string; name: string; key: string }[]) => unknown[],
  signers = [g.fay],
): Attack => {
  const { statement } = JSON.parse(readRepoFile(g, 'charter.json')) as { statement: Fields };
  const members = statement.members as { id: string; name: string; key: string }[];
  const f = sign({ ...statement, members: change(members) }, signers);
  return { ...at('charter.json', f.text, 'invalid-charter'), outcome: 'no-charter' };
};

const tampered = (g: Group): Attack => {
  const envelope = JSON.parse(readRepoFile(g, g.files.bobVoteOnOpen)) as Envelope;
  const statement = { ...envelope.statement, choice: 'yes' } as Fields;
  const text = JSON.stringify({ ...envelope, statement }, null, 2) + '\n';
  const id = sign(statement, []).id;
  return at(statementPath('vote', id, g.proposals.open), text, 'bad-signature');
};

const flip = (id: string): string => (id.startsWith('0') ? '1' : '0') + id.slice(1);

export const fileCases: Case[] = [
  {
    reason: 'unexpected-file',
    when: 'a file sits at the root',
    attack: () => at('notes.txt', 'hello\n', 'unexpected-file'),
  },
  {
    reason: 'unexpected-file',
    when: 'a proposal folder holds a folder that is not a statement folder',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      return at(`${proposalDir(g.proposals.open)}/ballots/${f.id}.json`, f.text, 'unexpected-file');
    },
  },
  {
    reason: 'unexpected-file',
    when: 'a statement folder is named like an Object.prototype member (constructor)',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      return at(inFolder(g.proposals.open, 'constructor', f.id), f.text, 'unexpected-file');
    },
  },
  {
    reason: 'unexpected-file',
    when: 'a submodule sits at a statement path',
    attack: (g) => {
      const path = inFolder(g.proposals.open, 'votes', 'c'.repeat(64));
      return {
        plants: [plant(path, { oid: g.head, type: 'commit' })],
        expect: [{ path, reason: 'unexpected-file' }],
      };
    },
  },
  {
    reason: 'symlink',
    when: 'a vote path is a symbolic link to the charter',
    attack: (g) => {
      const path = inFolder(g.proposals.open, 'votes', 'a'.repeat(64));
      return {
        plants: [plant(path, '../../../../../charter.json', '120000')],
        expect: [{ path, reason: 'symlink' }],
      };
    },
  },
  {
    reason: 'oversized',
    when: 'a validly signed vote is padded past 256 KiB',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      const path = statementPath('vote', f.id, g.proposals.open);
      return at(path, f.text + ' '.repeat(257 * 1024), 'oversized');
    },
  },
  {
    reason: 'malformed-json',
    when: 'a vote file is cut short',
    attack: (g) =>
      at(inFolder(g.proposals.open, 'votes', 'b'.repeat(64)), '{"statement": {', 'malformed-json'),
  },
  { reason: 'malformed-json', when: 'a vote file is not UTF-8', attack: invalidUtf8 },
  {
    reason: 'unknown-format',
    when: 'a member signs a steward/2 vote',
    attack: (g) => filed(sign(adaVote(g, { format: 'steward/2' }), [g.ada]), 'unknown-format'),
  },
  {
    reason: 'unknown-kind',
    when: 'a member signs a statement of an unknown type',
    attack: (g) => {
      const f = sign(stmt(g, 'decree', g.ada, 130, { proposal: g.proposals.open }), [g.ada]);
      return at(inFolder(g.proposals.open, 'votes', f.id), f.text, 'unknown-kind');
    },
  },
  {
    reason: 'unknown-kind',
    when: 'a member signs a proposal of an unknown kind',
    attack: (g) =>
      filed(
        sign({ ...resolutionBy(g, g.ada, 130, 'Dissolve'), kind: 'dissolve-group' }, [g.ada]),
        'unknown-kind',
      ),
  },
  {
    reason: 'schema-violation',
    when: 'a signed vote carries an extra field',
    attack: (g) => filed(sign(adaVote(g, { weight: 100 }), [g.ada]), 'schema-violation'),
  },
  {
    reason: 'schema-violation',
    when: 'a signed vote lacks its created field',
    attack: (g) => filed(sign(without(adaVote(g), 'created'), [g.ada]), 'schema-violation'),
  },
  {
    reason: 'schema-violation',
    when: 'a signed vote has a timestamp that is not ISO 8601 UTC',
    attack: (g) =>
      filed(sign(adaVote(g, { created: '2026-03-02 11:10:00' }), [g.ada]), 'schema-violation'),
  },
  {
    reason: 'schema-violation',
    when: 'a signed vote is dated in month 13',
    attack: (g) =>
      filed(sign(adaVote(g, { created: '2026-13-02T11:10:00.000Z' }), [g.ada]), 'schema-violation'),
  },
  {
    reason: 'schema-violation',
    when: 'a signed vote is dated February 30 (read as March 2 by Date.parse)',
    attack: (g) =>
      filed(sign(adaVote(g, { created: '2026-02-30T11:25:00.000Z' }), [g.ada]), 'schema-violation'),
  },
  {
    reason: 'schema-violation',
    when: 'a vote file is JSON null',
    attack: (g) =>
      at(inFolder(g.proposals.open, 'votes', 'd'.repeat(64)), 'null\n', 'schema-violation'),
  },
  {
    reason: 'schema-violation',
    when: 'a vote carries two signatures',
    attack: (g) => filed(sign(adaVote(g), [g.ada, g.fay]), 'schema-violation'),
  },
  {
    reason: 'misplaced',
    when: 'a valid vote is filed in the withdrawals folder',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      return filed(f, 'misplaced', inFolder(g.proposals.open, 'withdrawals', f.id));
    },
  },
  {
    reason: 'misplaced',
    when: 'a valid withdrawal is copied under another proposal',
    attack: (g) => {
      const name = g.files.withdrawal.split('/').at(-1)!;
      const path = `${proposalDir(g.proposals.open)}/withdrawals/${name}`;
      return at(path, readRepoFile(g, g.files.withdrawal), 'misplaced');
    },
  },
  {
    reason: 'misplaced',
    when: 'valid evidence is filed under another proposal',
    attack: (g) => {
      const f = sign(stmt(g, 'evidence', g.ada, 130, adaEvidence(g)), [g.ada]);
      return filed(f, 'misplaced', inFolder(g.proposals.closed, 'evidence', f.id));
    },
  },
  {
    reason: 'misplaced',
    when: 'a valid vote is filed as a key rotation',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      return filed(f, 'misplaced', `rotations/${f.id}.json`);
    },
  },
  {
    reason: 'replayed-vote',
    when: "a member's vote is copied under another proposal",
    attack: (g) => {
      const name = g.files.adaVoteOnClosed.split('/').at(-1)!;
      const path = `${proposalDir(g.proposals.open)}/votes/${name}`;
      return at(path, readRepoFile(g, g.files.adaVoteOnClosed), 'replayed-vote');
    },
  },
  { reason: 'bad-signature', when: 'a valid vote is tampered from no to yes', attack: tampered },
  {
    reason: 'bad-signature',
    when: "a vote is signed by another key but names the voter's key",
    attack: (g) => filed(signAs(adaVote(g), g.mallory, g.ada), 'bad-signature'),
  },
  {
    reason: 'id-mismatch',
    when: 'a valid vote is renamed',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      return filed(f, 'id-mismatch', inFolder(g.proposals.open, 'votes', flip(f.id)));
    },
  },
  {
    reason: 'id-mismatch',
    when: "a valid proposal is filed in another proposal's folder",
    attack: (g) => {
      const f = sign(resolutionBy(g, g.ada, 130, 'Meet on Fridays'), [g.ada]);
      return filed(f, 'id-mismatch', statementPath('proposal', flip(f.id)));
    },
  },
  {
    reason: 'non-canonical',
    when: 'a valid vote is re-indented with 4 spaces',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      const text = JSON.stringify(JSON.parse(f.text), null, 4) + '\n';
      return at(statementPath('vote', f.id, g.proposals.open), text, 'non-canonical');
    },
  },
  {
    reason: 'non-canonical',
    when: 'a valid vote repeats a key so that first-wins parsers read "no"',
    attack: (g) => {
      const f = sign(adaVote(g), [g.ada]);
      const text = f.text.replace('"choice": "yes",', '"choice": "no",\n    "choice": "yes",');
      return at(statementPath('vote', f.id, g.proposals.open), text, 'non-canonical');
    },
  },
  {
    reason: 'invalid-charter',
    when: 'the charter lists a founder who did not sign',
    attack: (g) =>
      charterWith(g, (m) => [
        ...m,
        { id: g.mallory.id, name: 'Mallory', key: g.mallory.publicKey },
      ]),
  },
  {
    reason: 'invalid-charter',
    when: "a founder's id is not the hash of their key",
    attack: (g) => charterWith(g, (m) => m.map((x) => ({ ...x, id: g.ada.id }))),
  },
  {
    reason: 'invalid-charter',
    when: 'the charter carries the signature of someone who is not a founder',
    attack: (g) => charterWith(g, (m) => m, [g.fay, g.mallory]),
  },
  {
    reason: 'no-charter',
    when: 'charter.json is replaced by a symbolic link',
    attack: () => ({
      plants: [plant('charter.json', 'README.md', '120000')],
      expect: [{ path: 'charter.json', reason: 'symlink' }],
      outcome: 'no-charter',
    }),
  },
];

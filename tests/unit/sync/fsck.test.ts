import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fsckObject } from '../../../electron/core/sync/fsck';
import type { ObjectType, PackedObject } from '../../../electron/core/sync/pack';
import { GitCli } from '../../helpers/git-cli';

const cli = new GitCli();
afterAll(() => cli.cleanup());

const oidOf = (type: string, bytes: Buffer): string =>
  createHash('sha1').update(`${type} ${bytes.length}\0`).update(bytes).digest('hex');

const object = (type: ObjectType, bytes: Buffer | string): PackedObject => {
  const b = Buffer.from(bytes);
  return { oid: oidOf(type, b), type, bytes: b };
};

// What every case may point at, written into each repo first.
const BLOB = object('blob', 'a statement\n');
const EMPTY_TREE = object('tree', '');
const entry = (mode: string, name: string | Buffer, oid: string): Buffer =>
  Buffer.concat([
    Buffer.from(`${mode} `),
    Buffer.from(name),
    Buffer.from([0]),
    Buffer.from(oid, 'hex'),
  ]);
const file = (name: string | Buffer): Buffer => entry('100644', name, BLOB.oid);
const dir = (name: string): Buffer => entry('40000', name, EMPTY_TREE.oid);
const tree = (...entries: Buffer[]): PackedObject => object('tree', Buffer.concat(entries));

const who = 'Ada <ada@example.invalid> 1773000000 +0000';
const commit = (...lines: string[]): PackedObject => object('commit', lines.join('\n'));
const COMMIT = commit(
  `tree ${EMPTY_TREE.oid}`,
  `author ${who}`,
  `committer ${who}`,
  '',
  'base',
  '',
);
const headed = (...head: string[]): PackedObject => commit(...head, '', 'message', '');
const withIdent = (ident: string): PackedObject =>
  headed(`tree ${EMPTY_TREE.oid}`, `author ${ident}`, `committer ${who}`);

const gitmodules = (url: string): PackedObject =>
  object('blob', `[submodule "x"]\n\tpath = x\n\turl = ${url}\n`);

type Case = {
  what: string;
  objects: PackedObject[];
  /** git fsck --strict's verdict: a message id it reports. */
  git: RegExp;
};

const malformed: Case[] = [
  {
    what: 'a tree with two entries of one name',
    objects: [tree(file('a'), file('a'))],
    git: /duplicateEntries/,
  },
  {
    what: 'a tree with a file and a folder of one name',
    objects: [tree(file('a'), dir('a'))],
    git: /duplicateEntries/,
  },
  { what: 'a tree out of order', objects: [tree(file('b'), file('a'))], git: /treeNotSorted/ },
  {
    what: 'a folder sorted as if it had no trailing slash',
    objects: [tree(dir('a'), file('a.b'))],
    git: /treeNotSorted/,
  },
  { what: 'a tree holding .git', objects: [tree(dir('.git'))], git: /hasDotgit/ },
  { what: 'a tree holding .GIT', objects: [tree(file('.GIT'))], git: /hasDotgit/ },
  {
    what: 'a tree holding git~1 (NTFS short name)',
    objects: [tree(file('git~1'))],
    git: /hasDotgit/,
  },
  {
    what: 'a tree holding ".git " (NTFS trailing space)',
    objects: [tree(file('.git '))],
    git: /hasDotgit/,
  },
  {
    what: 'a tree holding ".git." (NTFS trailing dot)',
    objects: [tree(file('.git.'))],
    git: /hasDotgit/,
  },
  {
    what: 'a tree holding .g\u200cit (HFS+ ignorable)',
    objects: [tree(file('.g\u200cit'))],
    git: /hasDotgit/,
  },
  { what: 'a tree holding "."', objects: [tree(file('.'))], git: /hasDot\b/ },
  { what: 'a tree holding ".."', objects: [tree(file('..'))], git: /hasDotdot/ },
  { what: 'a tree holding an empty name', objects: [tree(file(''))], git: /empty filename/ },
  { what: 'a tree holding a name with a slash', objects: [tree(file('a/b'))], git: /fullPathname/ },
  {
    what: 'a tree with a zero-padded mode',
    objects: [tree(entry('040000', 'a', EMPTY_TREE.oid))],
    git: /zeroPaddedFilemode/,
  },
  {
    what: 'a tree with mode 100664',
    objects: [tree(entry('100664', 'a', BLOB.oid))],
    git: /badFilemode/,
  },
  {
    what: 'a tree pointing at the null id',
    objects: [tree(entry('100644', 'a', '0'.repeat(40)))],
    git: /nullSha1/,
  },
  {
    what: 'a truncated tree',
    objects: [object('tree', file('a').subarray(0, -3))],
    git: /too-short tree/,
  },
  {
    what: 'a tree with .gitmodules as a symlink',
    objects: [tree(entry('120000', '.gitmodules', BLOB.oid))],
    git: /gitmodulesSymlink/,
  },
  {
    what: 'a .gitmodules whose url git refuses',
    objects: [gitmodules('-evil'), tree(entry('100644', '.gitmodules', gitmodules('-evil').oid))],
    git: /gitmodulesUrl/,
  },
  {
    what: 'a commit with no tree line',
    objects: [headed(`author ${who}`, `committer ${who}`)],
    git: /bogus commit/,
  },
  {
    what: 'a commit with a short tree id',
    objects: [headed(`tree ${EMPTY_TREE.oid.slice(1)}`, `author ${who}`, `committer ${who}`)],
    git: /bogus commit/,
  },
  {
    what: 'a commit with a bad parent id',
    objects: [headed(`tree ${EMPTY_TREE.oid}`, 'parent 1234', `author ${who}`, `committer ${who}`)],
    git: /bad parents/,
  },
  {
    what: 'a commit with no author',
    objects: [headed(`tree ${EMPTY_TREE.oid}`, `committer ${who}`)],
    git: /missingAuthor/,
  },
  {
    what: 'a commit with no committer',
    objects: [headed(`tree ${EMPTY_TREE.oid}`, `author ${who}`)],
    git: /missingCommitter/,
  },
  {
    what: 'a commit with two authors',
    objects: [
      headed(`tree ${EMPTY_TREE.oid}`, `author ${who}`, `author ${who}`, `committer ${who}`),
    ],
    git: /multipleAuthors|missingCommitter/,
  },
  {
    what: 'an author with no email',
    objects: [withIdent('Ada 1773000000 +0000')],
    git: /missingEmail/,
  },
  {
    what: 'an author with no space before the email',
    objects: [withIdent('Ada<ada@x> 1773000000 +0000')],
    git: /missingSpaceBeforeEmail/,
  },
  {
    what: 'an author with "<" in the email',
    objects: [withIdent('Ada <a<da@x> 1773000000 +0000')],
    git: /badEmail/,
  },
  {
    what: 'an author with no date',
    objects: [withIdent('Ada <ada@x>')],
    git: /missingSpaceBeforeDate|badDate/,
  },
  {
    what: 'an author with a date that is not a number',
    objects: [withIdent('Ada <ada@x> soon +0000')],
    git: /badDate/,
  },
  {
    what: 'an author with a bad time zone',
    objects: [withIdent('Ada <ada@x> 1773000000 +00000')],
    git: /badTimezone/,
  },
  {
    what: 'an author with text after the time zone',
    objects: [withIdent('Ada <ada@x> 1773000000 +0000 x')],
    git: /badTimezone/,
  },
  {
    what: 'an author with a zero-padded date',
    objects: [withIdent('Ada <ada@x> 01773000000 +0000')],
    git: /zeroPaddedDate/,
  },
  {
    what: 'an author with a date past 64 bits',
    objects: [withIdent('Ada <ada@x> 99999999999999999999 +0000')],
    git: /badDateOverflow/,
  },
  {
    what: 'an author with a date past a signed 64-bit time',
    objects: [withIdent('Ada <ada@x> 9223372036854775808 +0000')],
    git: /badDateOverflow/,
  },
  {
    what: 'a commit with a NUL in a header',
    objects: [
      headed(`tree ${EMPTY_TREE.oid}`, `author ${who}`, `committer ${who}`, 'encoding utf-8\0x'),
    ],
    git: /nulInHeader/,
  },
  {
    what: 'a commit whose header never ends',
    objects: [object('commit', `tree ${EMPTY_TREE.oid}\nauthor ${who}\ncommitter ${who}`)],
    git: /unterminatedHeader/,
  },
];

const wellFormed: Omit<Case, 'git'>[] = [
  {
    what: 'the last date a signed 64-bit time holds',
    objects: [withIdent('Ada <ada@x> 9223372036854775807 +0000')],
  },
  { what: 'an ordinary tree', objects: [tree(file('a.json'), dir('proposals'))] },
  {
    what: 'a file sorted before a folder it prefixes',
    objects: [tree(file('a.b'), dir('a'))],
  },
  { what: 'names with accents', objects: [tree(file('été.json'))] },
  {
    what: 'an executable and a symlink',
    objects: [tree(entry('120000', 'link', BLOB.oid), entry('100755', 'run', BLOB.oid))],
  },
  { what: 'an ordinary commit', objects: [COMMIT] },
  {
    what: 'a merge with an encoding header and no message',
    objects: [
      object(
        'commit',
        `tree ${EMPTY_TREE.oid}\nparent ${COMMIT.oid}\nparent ${COMMIT.oid}\nauthor ${who}\ncommitter ${who}\nencoding UTF-8\n`,
      ),
    ],
  },
  {
    what: 'an author with an empty name',
    objects: [withIdent(' <ada@x> 0 -0130')],
  },
];

/** A bare repo holding the shared objects and the case's, and what git fsck --strict says. */
const gitVerdict = (objects: PackedObject[]): { ok: boolean; report: string } => {
  const repo = cli.init({ bare: true });
  for (const o of [BLOB, EMPTY_TREE, COMMIT, ...objects]) {
    expect(cli.literally(repo, o.type, o.bytes)).toBe(o.oid);
  }
  return cli.fsck(repo);
};

describe('fsckObject', () => {
  it.each(malformed)('refuses $what, as git fsck --strict does', ({ objects, git }) => {
    const verdict = gitVerdict(objects);
    expect(verdict.report).toMatch(git);
    const problems = objects.map((o) => fsckObject(o).problem).filter(Boolean);
    expect(problems, 'Steward finds nothing wrong').not.toEqual([]);
  });

  it.each(wellFormed)('accepts $what, as git fsck --strict does', ({ objects }) => {
    expect(gitVerdict(objects)).toMatchObject({ ok: true });
    for (const o of objects) expect(fsckObject(o)).toEqual({ links: expect.any(Array) as unknown });
  });

  it('refuses what git accepts but a ledger never holds: submodules and tags', () => {
    const submodule = tree(entry('160000', 'sub', COMMIT.oid));
    const tag = object(
      'tag',
      `object ${COMMIT.oid}\ntype commit\ntag v1\ntagger ${who}\n\nrelease\n`,
    );
    expect(gitVerdict([submodule, tag])).toMatchObject({ ok: true });
    expect(fsckObject(submodule).problem).toMatch(/submodule/);
    expect(fsckObject(tag).problem).toMatch(/tag/);
  });

  // What git fsck passes on Linux, but a checkout on Windows or macOS would write elsewhere.
  const misplaced: [string, PackedObject, RegExp][] = [
    ['a name with backslashes', tree(file('..\\..\\..\\x')), /path separator/],
    ['a name with one backslash', tree(file('a\\b')), /path separator/],
    ['an NTFS stream', tree(file('charter.json:evil')), /Windows forbids/],
    ['a name with <', tree(file('a<b')), /Windows forbids/],
    ['a folder name ending in a dot', tree(dir('proposals.')), /ends in a dot or a space/],
    ['a name ending in a space', tree(file('charter.json ')), /ends in a dot or a space/],
    ['a Windows device name', tree(file('con.json')), /device/],
    ['a Windows device name in capitals', tree(file('NUL')), /device/],
    ['a Windows device name with a superscript digit', tree(file('COM\u00b9')), /device/],
    ['an NTFS short name', tree(dir('PROPOS~1')), /short name/],
    ['a name with a character HFS+ ignores', tree(file('propo\u200csals')), /HFS\+ ignores/],
    ['a name with a control character', tree(file('a\tb')), /control character/],
    ['a name that is not UTF-8', tree(file(Buffer.from([0x61, 0xff]))), /not valid UTF-8/],
    ['a .gitattributes file', tree(file('.gitattributes')), /git's own names/],
    [
      'two names that differ only in case',
      tree(file('Charter.json'), file('charter.json')),
      /differ only in case/,
    ],
    [
      'a folder and a file whose names differ only in case',
      tree(dir('PROPOSALS'), file('proposals')),
      /differ only in case/,
    ],
    [
      'two names that differ only in Unicode form',
      tree(file('e\u0301t\u00e9.json'), file('\u00e9t\u00e9.json')),
      /Unicode form/,
    ],
  ];
  it.each(misplaced)('refuses %s, which git fsck passes on Linux', (_, object, why) => {
    expect(gitVerdict([object])).toMatchObject({ ok: true });
    const { problem } = fsckObject(object);
    expect(problem).toMatch(why);
    expect(problem).toMatch(/^an entry is named |differ only/);
  });

  it('links a commit to its tree and parents and a tree to its entries', () => {
    const merge = headed(
      `tree ${EMPTY_TREE.oid}`,
      `parent ${COMMIT.oid}`,
      `parent ${'1'.repeat(40)}`,
      `author ${who}`,
      `committer ${who}`,
    );
    expect(fsckObject(merge)).toEqual({
      links: [EMPTY_TREE.oid, COMMIT.oid, '1'.repeat(40)],
    });
    expect(fsckObject(tree(file('a'), dir('b')))).toEqual({ links: [BLOB.oid, EMPTY_TREE.oid] });
    expect(fsckObject(BLOB)).toEqual({ links: [] });
  });

  it('accepts every object of a repo the git CLI made and fsck passes', () => {
    const repo = cli.init();
    for (const [i, path] of ['charter.json', 'proposals/ab/abcd/proposal.json', 'a.b'].entries()) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), `{"n": ${i}}\n`);
      cli.ok(repo, ['add', '-A']);
      cli.ok(repo, ['commit', '-q', '-m', `file ${i}\n\nwith a body`]);
    }
    expect(cli.fsck(repo)).toMatchObject({ ok: true });
    for (const [oid, o] of cli.objects(repo)) {
      expect(
        fsckObject({ oid, type: o.type as ObjectType, bytes: o.bytes }).problem,
      ).toBeUndefined();
    }
  });
});

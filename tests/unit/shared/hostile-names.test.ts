import { describe, expect, it } from 'vitest';
import {
  classifyPath,
  hostileNameReason,
  hostilePathReason,
  isHostileName,
  statementPath,
} from '../../../shared/format/paths';

const id = 'ab'.repeat(32);
const other = 'cd'.repeat(32);

/** Names a peer may plant, each with the words of the rule that refuses it. */
const hostile: [string, RegExp][] = [
  ['', /empty/],
  ['.', /\. or \.\./],
  ['..', /\. or \.\./],
  // Separators: Windows reads a backslash as a slash.
  ['a/b', /separator/],
  ['..\\..\\..\\x', /separator/],
  ['..\\', /separator/],
  ['\\', /separator/],
  [`${id}\\..\\..\\charter.json`, /separator/],
  // Control characters.
  ['\0', /control/],
  ['a\nb', /control/],
  ['\t', /control/],
  ['\x1f', /control/],
  ['\x7f', /control/],
  // Characters Windows forbids; the colon names an NTFS stream.
  ['charter.json:evil', /Windows forbids/],
  ['.git::$INDEX_ALLOCATION', /Windows forbids/],
  ['C:', /Windows forbids/],
  ['a<b', /Windows forbids/],
  ['a>b', /Windows forbids/],
  ['a"b', /Windows forbids/],
  ['a|b', /Windows forbids/],
  ['a?b', /Windows forbids/],
  ['*.json', /Windows forbids/],
  // What Windows drops at the end of a name.
  ['proposals.', /ends in a dot or a space/],
  ['proposals ', /ends in a dot or a space/],
  ['charter.json...', /ends in a dot or a space/],
  ['...', /ends in a dot or a space/],
  ['.git.', /ends in a dot or a space/],
  ['.git ', /ends in a dot or a space/],
  // What HFS+ ignores.
  ['.g\u200cit', /HFS\+ ignores/],
  ['.git\u200d', /HFS\+ ignores/],
  ['\u200e.git', /HFS\+ ignores/],
  ['.gi\u200ft', /HFS\+ ignores/],
  ['.gi\u202at', /HFS\+ ignores/],
  ['.gi\u202et', /HFS\+ ignores/],
  ['.gi\u206at', /HFS\+ ignores/],
  ['.gi\u206ft', /HFS\+ ignores/],
  ['\ufeff.git', /HFS\+ ignores/],
  ['propo\u200csals', /HFS\+ ignores/],
  // What invalid UTF-8 decodes to.
  ['a\ufffdb', /UTF-8/],
  // Git's own names, in any case.
  ['.git', /git's own/],
  ['.GIT', /git's own/],
  ['.Git', /git's own/],
  ['.gitmodules', /git's own/],
  ['.GITMODULES', /git's own/],
  ['.gitattributes', /git's own/],
  ['.gitignore', /git's own/],
  // NTFS short names.
  ['git~1', /short name/],
  ['GIT~1', /short name/],
  ['gitmod~4', /short name/],
  ['PROPOS~1', /short name/],
  ['gi7eba~1', /short name/],
  // Windows device names, bare, with an extension, any case, with spaces before the dot.
  ['con', /device/],
  ['CON', /device/],
  ['con.json', /device/],
  ['Con.tar.gz', /device/],
  ['con .json', /device/],
  ['prn', /device/],
  ['aux.json', /device/],
  ['nul', /device/],
  ['NUL.txt', /device/],
  ['com1', /device/],
  ['COM9.json', /device/],
  ['lpt1', /device/],
  ['lpt9.json', /device/],
  ['com\u00b9', /device/],
  ['LPT\u00b3.txt', /device/],
  ['conin$', /device/],
  ['CONOUT$.json', /device/],
];

/** Names of honest trees, and near misses of the rule that are ordinary names. */
const honest = [
  'charter.json',
  'README.md',
  'proposals',
  'rotations',
  'votes',
  'consents',
  'withdrawals',
  'closes',
  'certifications',
  'evidence',
  'proposal.json',
  'ab',
  id,
  `${id}.json`,
  'notes.txt',
  'été.json',
  'git',
  'gitk',
  'a.git',
  'console',
  'con-minutes.json',
  'connect.json',
  'nullable',
  'com10',
  'lpt',
  'auxiliary.md',
  'a~b',
  '.hidden',
  '..x',
  'x..y',
  'a b',
];

describe('hostileNameReason', () => {
  it.each(hostile)('refuses %j: it %s', (name, why) => {
    expect(hostileNameReason(name)).toMatch(why);
    expect(isHostileName(name)).toBe(true);
  });

  it.each(honest)('accepts %j', (name) => {
    expect(hostileNameReason(name)).toBeUndefined();
    expect(isHostileName(name)).toBe(false);
  });

  it('accepts every path a statement may have', () => {
    const paths = [
      statementPath('charter', id),
      statementPath('key-rotation', id),
      statementPath('proposal', id),
      ...(['vote', 'consent', 'withdrawal', 'close', 'certification', 'evidence'] as const).map(
        (type) => statementPath(type, other, id),
      ),
      'README.md',
    ];
    for (const path of paths) expect(hostilePathReason(path), path).toBeUndefined();
  });

  it('names the hostile component of a path', () => {
    expect(hostilePathReason(`proposals/ab/${id}/votes/con.json`)).toMatch(
      /^"con\.json" is a Windows device name/,
    );
    expect(hostilePathReason('proposals//x')).toMatch(/^"" is empty/);
    expect(hostilePathReason('proposals/..\\..\\x')).toMatch(/separator/);
  });

  it('makes a path with a hostile component a bad path when reading', () => {
    for (const [name] of hostile.filter(([n]) => !n.includes('/'))) {
      expect(classifyPath(`proposals/ab/${id}/votes/${name}`), name).toEqual({ kind: 'bad-path' });
    }
  });
});

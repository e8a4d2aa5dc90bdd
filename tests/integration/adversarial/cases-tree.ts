/**
 * Attacks on the git trees themselves: names git refuses to check out, entries of the wrong type,
 * modes and trees git fsck rejects. A hostile peer can push all of them unless the receiving end
 * runs fsck, so the loader must quarantine them and carry on.
 */
import { proposalDir } from '../../../shared/format/paths';
import { git, mktree, type Plant } from './git';
import { readRepoFile, sign, voteBy, type Attack, type Case } from './forge';
import type { Group } from './group';

const adaVote = (g: Group) => sign(voteBy(g, g.ada, 130, g.proposals.open), [g.ada]);

/** One entry planted at `path` (components), expected quarantined at `expected` for `reason`. */
const entry = (
  path: string[],
  content: Plant['content'],
  reason: Case['reason'],
  extra: Partial<Plant> & { fsck?: RegExp; expected?: string } = {},
): Attack => {
  const { fsck, expected, ...rest } = extra;
  return {
    plants: [{ path, content, ...rest }],
    expect: [{ path: expected ?? path.join('/'), reason }],
    ...(fsck ? { fsck } : {}),
  };
};

const blobOid = (g: Group, path: string): string => git(g.dir, ['rev-parse', `HEAD:${path}`]);

export const treeCases: Case[] = [
  {
    reason: 'bad-path',
    when: 'a tree under proposals is named ..',
    attack: (g) => {
      const f = adaVote(g);
      const tree = mktree(g.dir, [
        {
          mode: '100644',
          type: 'blob',
          oid: git(g.dir, ['hash-object', '-w', '--stdin'], f.text),
          name: `${f.id}.json`,
        },
      ]);
      return entry(['proposals', '..'], { oid: tree, type: 'tree' }, 'bad-path', {
        fsck: /hasDotdot/,
      });
    },
  },
  {
    reason: 'bad-path',
    when: 'a tree under proposals is named .git and holds a config',
    attack: (g) => {
      const config = git(g.dir, ['hash-object', '-w', '--stdin'], '[core]\n\tfsmonitor = evil\n');
      const tree = mktree(g.dir, [{ mode: '100644', type: 'blob', oid: config, name: 'config' }]);
      return entry(['proposals', '.git'], { oid: tree, type: 'tree' }, 'bad-path', {
        fsck: /hasDotgit/,
      });
    },
  },
  {
    reason: 'bad-path',
    when: 'a file at the root is named .GIT',
    attack: () => entry(['.GIT'], 'x\n', 'bad-path', { fsck: /hasDotgit/ }),
  },
  {
    reason: 'bad-path',
    when: 'a file under proposals is named .',
    attack: () => entry(['proposals', '.'], '{}\n', 'bad-path', { fsck: /hasDot/ }),
  },
  {
    reason: 'bad-path',
    when: 'one tree entry named with slashes spells a valid vote path',
    attack: (g) => {
      const f = adaVote(g);
      const name = `${g.proposals.open.slice(0, 2)}/${g.proposals.open}/votes/${f.id}.json`;
      return entry(['proposals', name], f.text, 'bad-path', { fsck: /fullPathname/ });
    },
  },
  {
    reason: 'bad-path',
    when: 'a name in a votes folder holds backslashes',
    attack: (g) =>
      entry(
        [...proposalDir(g.proposals.open).split('/'), 'votes', '..\\..\\..\\charter.json'],
        readRepoFile(g, 'charter.json'),
        'bad-path',
      ),
  },
  {
    reason: 'bad-path',
    when: 'a name in a votes folder holds a newline',
    attack: (g) => {
      const f = adaVote(g);
      return entry(
        [...proposalDir(g.proposals.open).split('/'), 'votes', `${f.id}\n.json`],
        f.text,
        'bad-path',
      );
    },
  },
  {
    reason: 'bad-path',
    when: 'a tree entry under proposals has an empty name',
    attack: () => entry(['proposals', ''], '{}\n', 'bad-path', { fsck: /badTree/ }),
  },
  {
    reason: 'bad-signature',
    when: 'a tree holds a second, tampered entry under the name of a valid vote',
    attack: (g) => {
      const path = g.files.bobVoteOnOpen;
      const text = readRepoFile(g, path).replace('"choice": "no"', '"choice": "yes"');
      return entry(path.split('/'), text, 'bad-signature', {
        duplicate: 'after',
        fsck: /duplicateEntries/,
      });
    },
  },
  {
    reason: 'unexpected-file',
    when: 'a file entry at the root points at a tree object',
    attack: (g) => {
      const tree = git(g.dir, ['rev-parse', 'HEAD^{tree}']);
      return entry(['notes.txt'], { oid: tree, type: 'blob' }, 'unexpected-file', {
        mode: '100644',
        fsck: /not a blob|missing blob/,
      });
    },
  },
  {
    reason: 'unexpected-file',
    when: 'a tree entry at the root points at a blob',
    attack: (g) =>
      entry(['junk'], { oid: blobOid(g, 'charter.json'), type: 'tree' }, 'unexpected-file', {
        fsck: /not a tree/,
      }),
  },
  {
    reason: 'unexpected-file',
    when: 'a file at the root has the non-standard mode 100664',
    attack: (g) =>
      entry(['notes.txt'], { oid: blobOid(g, 'charter.json'), type: 'blob' }, 'unexpected-file', {
        mode: '100664',
        literal: true,
      }),
  },
  {
    reason: 'unexpected-file',
    when: 'a tree object under proposals cannot be parsed',
    attack: (g) => {
      const garbage = git(
        g.dir,
        ['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'],
        'not a tree',
      );
      return entry(['proposals', 'zz'], { oid: garbage, type: 'tree' }, 'unexpected-file', {
        fsck: /badTree/,
      });
    },
  },
];

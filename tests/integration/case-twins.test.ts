/**
 * Two names that fold alike (`ab` and `AB`) are one file on Windows and macOS. fsck refuses them
 * side by side in one tree; a merge must refuse them too when one comes from each side, or the
 * checkout would write the incoming file over ours there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileTrees, refusal } from '../helpers/hostile-trees';

const t = hostileTrees();
const { cli } = t;

/** A copy of the group that commits one junk file at `path`, by hand with the git CLI. */
const withFile = (name: string, path: string): string => {
  const dir = t.copyOfBase(name);
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), `${path}\n`);
  cli.ok(dir, ['add', path]);
  cli.ok(dir, ['commit', '-q', '-m', `add ${path}`]);
  return dir;
};

describe('a merge of names that fold alike', () => {
  it.each([
    ['a folder', 'proposals/ab/x.json', 'proposals/AB/x.json'],
    ['a file', 'proposals/ab/x.json', 'proposals/aB/x.json'],
    ['a file in another Unicode form', 'notes/caf\u00e9.md', 'notes/cafe\u0301.md'],
  ])('is refused when each side brings one (%s), and nothing is written', async (_, a, b) => {
    const ours = withFile('ours', a);
    const theirs = withFile('theirs', b);
    const before = t.snapshot(ours);
    const theirsBefore = t.snapshot(theirs);
    const error = await refusal(() => t.sync(ours, { route: 'folder', path: theirs }));
    expect(error.code).toBe('sync-refused');
    expect(error.message).toContain('one file on Windows and macOS');
    expect(t.snapshot(ours)).toEqual(before);
    expect(t.snapshot(theirs)).toEqual(theirsBefore);
  });

  it('still merges names that differ by more than case', async () => {
    const ours = withFile('ours', 'proposals/ab/x.json');
    const theirs = withFile('theirs', 'proposals/ac/x.json');
    await t.sync(ours, { route: 'folder', path: theirs });
    const files = cli.ok(ours, ['ls-tree', '-r', '--name-only', 'main']).split('\n');
    expect(files).toEqual(expect.arrayContaining(['proposals/ab/x.json', 'proposals/ac/x.json']));
  });
});

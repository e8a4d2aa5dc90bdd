import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../../shared/errors';
import { containedPath, workTreePath } from '../../../electron/core/ledger/work-path';

const id = 'ab'.repeat(32);
const vote = `proposals/ab/${id}/votes/${'cd'.repeat(32)}.json`;

const platforms: [string, typeof posix, string][] = [
  ['Windows', win32, 'C:\\Users\\ada\\guild'],
  ['POSIX', posix, '/home/ada/guild'],
];

const refusal = (run: () => unknown): StewardError => {
  try {
    run();
  } catch (error) {
    if (error instanceof StewardError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('containedPath', () => {
  it('resolves a path by the platform: a backslash climbs out on Windows only', () => {
    const name = 'proposals/..\\..\\..\\x';
    expect(refusal(() => containedPath('C:\\Users\\ada\\guild', name, win32))).toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('outside C:\\Users\\ada\\guild') as unknown,
    });
    expect(containedPath('/home/ada/guild', name, posix)).toBe(
      '/home/ada/guild/proposals/..\\..\\..\\x',
    );
  });

  // Paths that would escape whatever the name rule says: the second guard holds alone.
  const escapes: [string, string][] = [
    ['Windows', '..\\x'],
    ['Windows', 'proposals/..\\..\\x'],
    ['Windows', 'C:\\Windows\\System32\\x.dll'],
    ['Windows', 'D:x'],
    ['Windows', '\\\\server\\share\\x'],
    ['Windows', '\\x'],
    ['Windows', 'proposals/ab/../../..'],
    ['Windows', 'proposals/..'],
    ['Windows', ''],
    ['POSIX', '../x'],
    ['POSIX', 'proposals/../../x'],
    ['POSIX', 'a/../..'],
    ['POSIX', 'proposals/..'],
    ['POSIX', '.'],
    ['POSIX', ''],
  ];
  it.each(escapes)('refuses on %s %j', (platform, path) => {
    const [, p, root] = platforms.find(([name]) => name === platform)!;
    expect(refusal(() => containedPath(root, path, p)).code).toBe('corrupt');
  });

  it.each(platforms)('keeps a path inside the repo on %s', (_, p, root) => {
    expect(containedPath(root, vote, p)).toBe(p.join(root, ...vote.split('/')));
    expect(containedPath(root, 'proposals/ab/../ab/x', p)).toBe(p.join(root, 'proposals/ab/x'));
    expect(containedPath(root, '..x', p)).toBe(p.join(root, '..x'));
  });
});

describe('workTreePath', () => {
  const hostile = [
    '..\\..\\..\\x',
    'proposals/..\\..\\x',
    'proposals/a:b',
    'charter.json:stream',
    'proposals/con.json',
    'proposals/NUL',
    'proposals./x.json',
    'proposals /x.json',
    'git~1/config',
    '.git/config',
    '.GIT/hooks/post-checkout',
    '.g\u200cit/config',
    'proposals/../../x',
    'a\0b',
    '',
  ];
  it.each(platforms)('refuses every hostile path on %s before resolving it', (_, p, root) => {
    for (const path of hostile) {
      const error = refusal(() => workTreePath(root, path, p));
      expect(error.code, path).toBe('corrupt');
      expect(error.data, path).toEqual({ path });
      expect(error.message, path).toMatch(/^refused to write .* in the work tree: "/);
    }
  });

  it.each(platforms)('gives the file of an honest path on %s', (_, p, root) => {
    for (const path of [vote, 'charter.json', 'README.md', `rotations/${id}.json`]) {
      expect(workTreePath(root, path, p)).toBe(p.join(root, ...path.split('/')));
    }
  });
});

/**
 * Writing objects to a folder someone else had (an export to a USB stick, a push to a folder): a
 * file already there counts only if its bytes hash to its name, a link where an object should be
 * is replaced and not written through, and a symlinked `lfs`, `objects`, `ab` or `cd` folder is
 * refused with nothing written where it points.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeObjects } from '../../electron/core/lfs/folder-writer';
import { objectPath } from '../../electron/core/lfs/layout';
import { tempDir } from '../helpers/cli';
import { lfsVersion } from '../helpers/lfs-version';

const v = lfsVersion([1000, 2000]);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const write = (objects: string) => writeObjects(v.source, v.files, objects, { name: 'stick' });

describe('writeObjects into a folder already used', () => {
  it('rewrites a same-size file whose bytes are not the object', async () => {
    const objects = join(tempDir('steward-w-'), 'lfs', 'objects');
    const f = v.files[0]!;
    mkdirSync(dirname(objectPath(objects, f.sha256)), { recursive: true });
    writeFileSync(objectPath(objects, f.sha256), randomBytes(f.size));
    const r = await write(objects);
    expect(r.files.find((x) => x.sha256 === f.sha256)!.status).toBe('uploaded');
    for (const x of v.files) expect(sha(objectPath(objects, x.sha256))).toBe(x.sha256);
    const again = await write(objects);
    expect(again.files.every((x) => x.status === 'already-there')).toBe(true);
  });

  it('replaces a link where an object should be, and leaves its target alone', async () => {
    const root = tempDir('steward-w-');
    const objects = join(root, 'lfs', 'objects');
    const f = v.files[1]!;
    const outside = join(tempDir('steward-w-out-'), 'precious');
    writeFileSync(outside, readFileSync(v.source.blobPath(f.sha256)));
    mkdirSync(dirname(objectPath(objects, f.sha256)), { recursive: true });
    symlinkSync(outside, objectPath(objects, f.sha256));
    await write(objects);
    expect(lstatSync(objectPath(objects, f.sha256)).isFile()).toBe(true);
    expect(sha(objectPath(objects, f.sha256))).toBe(f.sha256);
    expect(sha(outside)).toBe(f.sha256);
  });

  it.each(['lfs', 'objects', 'ab', 'cd'])(
    'refuses a symlinked %s folder and writes nothing where it points',
    async (which) => {
      const root = tempDir('steward-w-');
      const objects = join(root, 'lfs', 'objects');
      const f = v.files[0]!;
      const ab = join(objects, f.sha256.slice(0, 2));
      const at = { lfs: join(root, 'lfs'), objects, ab, cd: join(ab, f.sha256.slice(2, 4)) }[
        which
      ]!;
      const elsewhere = tempDir('steward-w-else-');
      mkdirSync(dirname(at), { recursive: true });
      symlinkSync(elsewhere, at);
      const error = await write(objects).then(
        () => undefined,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(error?.code).toBe('invalid-argument');
      expect(error?.message).toMatch(/is a symbolic link: no object is written through it/);
      expect(readdirSync(elsewhere)).toEqual([]);
    },
  );
});

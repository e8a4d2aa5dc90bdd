/**
 * A folder source that cannot be read as it claims (a symlink loop where an object should be, a
 * FIFO swapped in, no permission): its copy is refused by name, the fetch does not hang or throw,
 * and the next source brings the file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobReceiver } from '../../electron/core/lfs/blob-receiver';
import { fetchVersion } from '../../electron/core/lfs/fetch';
import { copyObject } from '../../electron/core/lfs/folder-object';
import { Refused } from '../../electron/core/lfs/refusal';
import type { LfsSource } from '../../electron/core/lfs/types';
import { ModelStore } from '../../electron/core/models/store';
import { tempDir } from '../helpers/cli';
import { lfsVersion } from '../helpers/lfs-version';

const v = lfsVersion([1000, 2000, 3000]);
const objectAt = (dir: string, oid: string) =>
  join(dir, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A folder holding every object as it should. */
const goodFolder = (): string => {
  const dir = tempDir('steward-lfs-good-');
  for (const f of v.files) {
    mkdirSync(dirname(objectAt(dir, f.sha256)), { recursive: true });
    copyFileSync(v.source.blobPath(f.sha256), objectAt(dir, f.sha256));
  }
  return dir;
};

describe('a folder source that cannot be read', () => {
  it('refuses a symlink loop, a FIFO and an unreadable file by name, and the next source serves', async () => {
    const bad = tempDir('steward-lfs-bad-');
    const [loop, fifo, locked] = v.files;
    for (const f of v.files) mkdirSync(dirname(objectAt(bad, f.sha256)), { recursive: true });
    symlinkSync(objectAt(bad, loop!.sha256), objectAt(bad, loop!.sha256));
    execFileSync('mkfifo', [objectAt(bad, fifo!.sha256)]);
    copyFileSync(v.source.blobPath(locked!.sha256), objectAt(bad, locked!.sha256));
    chmodSync(objectAt(bad, locked!.sha256), 0o000);
    const store = new ModelStore(tempDir('steward-lfs-into-'));
    const sources: LfsSource[] = [
      { kind: 'folder', name: 'stick', dir: bad },
      { kind: 'folder', name: 'backup', dir: goodFolder() },
    ];
    const r = await fetchVersion({
      store,
      state: v.state,
      model: 'big',
      version: '1.0',
      sources,
      auth: () => ({}),
      now: new Date(),
    });
    expect(r.fetched).toBe(3);
    const root = process.getuid?.() === 0;
    for (const f of r.files)
      expect(f.source).toBe(f.sha256 === locked!.sha256 && root ? 'stick' : 'backup');
    for (const f of v.files) expect(sha(store.blobPath(f.sha256))).toBe(f.sha256);
    const why = new Map(r.refused.map((x) => [x.sha256, x.reason]));
    expect(why.get(loop!.sha256)).toMatch(/^stick could not be read: .*ELOOP/);
    expect(why.get(fifo!.sha256)).toBe('stick holds something other than a file there');
    // Root reads a file whatever its mode: then the stick's copy is simply good.
    if (!root) expect(why.get(locked!.sha256)).toMatch(/^stick could not be read: .*EACCES/);
  });

  it('refuses, without blocking, a FIFO swapped in after the object was found', async () => {
    const dir = tempDir('steward-lfs-swap-');
    const f = v.files[1]!;
    mkdirSync(dirname(objectAt(dir, f.sha256)), { recursive: true });
    execFileSync('mkfifo', [objectAt(dir, f.sha256)]);
    const store = new ModelStore(tempDir('steward-lfs-into-'));
    const receiver = await BlobReceiver.open(store, f.sha256, f.size);
    const copying = copyObject({ path: objectAt(dir, f.sha256), size: f.size }, receiver, {
      onBytes: () => undefined,
    });
    await expect(copying).rejects.toThrow(/holds something other than a file there/);
    await expect(copying).rejects.toBeInstanceOf(Refused);
  });

  it('refuses a symlink where the object should be, even to a good copy', async () => {
    const dir = tempDir('steward-lfs-link-');
    const f = v.files[0]!;
    mkdirSync(dirname(objectAt(dir, f.sha256)), { recursive: true });
    symlinkSync(v.source.blobPath(f.sha256), objectAt(dir, f.sha256));
    const store = new ModelStore(tempDir('steward-lfs-into-'));
    const receiver = await BlobReceiver.open(store, f.sha256, f.size);
    const copying = copyObject({ path: objectAt(dir, f.sha256), size: f.size }, receiver, {
      onBytes: () => undefined,
    });
    await expect(copying).rejects.toThrow(/could not be read: .*ELOOP/);
  });
});

import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StewardError } from '../../shared/errors';
import { ObjectStore } from '../../electron/core/ledger/object-store';
import { git, tempDir } from '../helpers/cli';

/** Every object git has, with its type and content, read through `git cat-file --batch`. */
const allObjects = (dir: string): { oid: string; type: string; bytes: Buffer }[] => {
  const oids = git(dir, 'rev-list', '--objects', '--all')
    .trim()
    .split('\n')
    .map((l) => l.slice(0, 40));
  const out = execFileSync('git', ['cat-file', '--batch'], {
    cwd: dir,
    input: `${oids.join('\n')}\n`,
  });
  const objects = [];
  let i = 0;
  while (i < out.length) {
    const nl = out.indexOf(10, i);
    const [oid, type, size] = out.toString('latin1', i, nl).split(' ');
    const bytes = out.subarray(nl + 1, nl + 1 + Number(size));
    objects.push({ oid: oid!, type: type!, bytes });
    i = nl + 1 + Number(size) + 1;
  }
  return objects;
};

describe('ObjectStore', () => {
  it('reads every object of a repo packed with deltas exactly as git does', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.name', 'T');
    git(dir, 'config', 'user.email', 't@t');
    for (let i = 0; i < 40; i++) {
      // Similar files, changed a little each commit, so git writes delta chains.
      writeFileSync(
        join(dir, `f${i % 5}.json`),
        JSON.stringify({ i, text: 'steward '.repeat(200 + i) }, null, 2),
      );
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', `c${i}`);
    }
    git(dir, 'gc', '-q', '--aggressive');
    expect(git(dir, 'count-objects', '-v')).toMatch(/^count: 0$/m);
    const store = new ObjectStore(join(dir, '.git'));
    const objects = allObjects(dir);
    expect(objects.length).toBeGreaterThan(100);
    for (const o of objects) {
      const read = await store.read(o.oid);
      expect(read?.type).toBe(o.type);
      expect(Buffer.compare(read!.bytes, o.bytes)).toBe(0);
    }
  });

  it('reads loose objects, finds a pack written after it started, and knows what it lacks', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'hello\n');
    const oid = git(dir, 'hash-object', '-w', 'a.txt').trim();
    const store = new ObjectStore(join(dir, '.git'));
    expect(await store.read(oid)).toEqual({ type: 'blob', bytes: Buffer.from('hello\n') });
    expect(await store.read('0'.repeat(40))).toBeUndefined();
    git(dir, 'add', 'a.txt');
    git(dir, '-c', 'user.name=T', '-c', 'user.email=t@t', 'commit', '-qm', 'c');
    git(dir, 'gc', '-q');
    expect((await store.read(oid))?.bytes.toString()).toBe('hello\n');
  });

  /** A repo packed by git, its one pack's index, and one of its objects. */
  const packed = () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'hello\n');
    git(dir, 'add', 'a.txt');
    git(dir, '-c', 'user.name=T', '-c', 'user.email=t@t', 'commit', '-qm', 'c');
    git(dir, 'gc', '-q');
    const packs = join(dir, '.git', 'objects', 'pack');
    const idx = readdirSync(packs).find((n) => n.endsWith('.idx'))!;
    const oid = git(dir, 'rev-parse', 'HEAD:a.txt').trim();
    return { gitdir: join(dir, '.git'), packs, idx, oid };
  };

  it('takes no temporary file of a killed writer for a pack index, however torn', async () => {
    const { gitdir, packs, idx, oid } = packed();
    const bytes = readFileSync(join(packs, idx));
    // What a writer killed midway leaves: a torn index under a temporary name.
    writeFileSync(join(packs, 'tmp_pack_123_abcd.idx'), bytes.subarray(0, 700));
    writeFileSync(join(packs, 'tmp_idx_123_abcd'), bytes.subarray(0, 700));
    const store = new ObjectStore(gitdir);
    expect((await store.read(oid))?.bytes.toString()).toBe('hello\n');
    expect(await store.read('0'.repeat(40))).toBeUndefined();
  });

  it.each([0, 8, 700, 1100])(
    'says a pack index cut to %i bytes is damaged, naming it, rather than crashing',
    async (length) => {
      const { gitdir, packs, idx, oid } = packed();
      const path = join(packs, idx);
      const bytes = readFileSync(path);
      chmodSync(path, 0o644);
      writeFileSync(path, bytes.subarray(0, length));
      const error = await new ObjectStore(gitdir).read(oid).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StewardError);
      expect((error as StewardError).code).toBe('corrupt');
      expect((error as StewardError).message).toContain(idx);
    },
  );
});

/**
 * Resource bombs a peer can plant in a ledger: a file far over the size limit that compresses to
 * almost nothing, and a tree that names one folder object under many names, level after level.
 * Each must be refused (or, for a file already in the repo, quarantined) from its header or
 * within the tree budget, locally and at every sync door, leaving `main` where it was. How fast
 * and how small the refusal is, is measured in bench/bombs.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StewardError } from '../../shared/errors';
import { MAX_FILE_BYTES } from '../../shared/format/check';
import { Ledger } from '../../electron/core/ledger/ledger';
import { MAX_TREE_REACH } from '../../electron/core/ledger/limits';
import { ObjectStore } from '../../electron/core/ledger/object-store';
import { readPack } from '../../electron/core/sync/pack';
import { startHttpBackend, type HttpBackend } from '../../bench/http-backend';
import { ServedGroup } from '../helpers/served-group';
import { syncSuite } from '../helpers/sync-suite';
import { expectUnchanged, snapshots } from '../helpers/sync-expect';
import { oneByteBlob, plantAt, treeBomb } from '../../bench/bomb-fixture';

/** Writes `raw` (header and body) as a loose object, byte for byte; its oid. */
const looseObject = (gitdir: string, raw: Buffer): string => {
  const oid = createHash('sha1').update(raw).digest('hex');
  mkdirSync(join(gitdir, 'objects', oid.slice(0, 2)), { recursive: true });
  writeFileSync(join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2)), deflateSync(raw));
  return oid;
};

/** Far over the file limit (and the 16 MB limit of any object), yet a 64 KB loose object. */
const BIG = 64 * 1024 * 1024;

describe('the object store', () => {
  const suite = syncSuite();
  const { peers } = suite;

  it('reads a blob’s type and size from its header, and never inflates one over the limit', async () => {
    const dir = peers.copy(suite.base, 'store');
    const gitdir = join(dir, '.git');
    const blob = await oneByteBlob(gitdir, BIG);
    expect(peers.git(dir, 'cat-file', '-s', blob)).toBe(String(BIG));
    const store = new ObjectStore(gitdir);
    expect(await store.header(blob)).toEqual({ type: 'blob', size: BIG });
    expect(await store.readWithin(blob, MAX_FILE_BYTES)).toEqual({ type: 'blob', size: BIG });
    await expect(store.read(blob)).rejects.toMatchObject({ code: 'corrupt' });
    await expect(store.readForSync(blob)).rejects.toMatchObject({ code: 'sync-refused' });
    // Packed by git, the same from the pack entry's header.
    peers.git(dir, 'update-ref', 'refs/big', blob);
    peers.git(dir, 'repack', '-adq');
    const packed = new ObjectStore(gitdir);
    expect(await packed.readWithin(blob, MAX_FILE_BYTES)).toEqual({ type: 'blob', size: BIG });
    await expect(packed.readForSync(blob)).rejects.toMatchObject({ code: 'sync-refused' });
  });

  it('refuses a pack entry over the file limit from its header, a delta by the size it makes, and a pack by what it inflates to', async () => {
    const entry = (type: number, size: number, data: Buffer): Buffer => {
      const head = [(type << 4) | (size & 15) | (size > 15 ? 0x80 : 0)];
      for (let rest = Math.floor(size / 16); rest > 0; rest = Math.floor(rest / 128))
        head.push((rest & 0x7f) | (rest >= 128 ? 0x80 : 0));
      return Buffer.concat([Buffer.from(head), deflateSync(data)]);
    };
    const pack = (...entries: Buffer[]): Buffer => {
      const header = Buffer.alloc(12);
      header.write('PACK');
      header.writeUInt32BE(2, 4);
      header.writeUInt32BE(entries.length, 8);
      const body = Buffer.concat([header, ...entries]);
      return Buffer.concat([body, createHash('sha1').update(body).digest()]);
    };
    // A blob declared at 1 GB: its stream is never inflated (it holds 3 bytes, a lie).
    await expect(
      readPack(pack(entry(3, 2 ** 30, Buffer.from('abc'))), () => Promise.resolve(undefined)),
    ).rejects.toMatchObject({ code: 'sync-refused', message: /blob of 1073741824 bytes/ });
    // A small blob, then an ofs-delta on it that would make 1 GB of it.
    const base = entry(3, 1, Buffer.from('a'));
    const varint = (n: number): number[] => {
      const out = [];
      for (; n >= 128; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
      return [...out, n];
    };
    const delta = Buffer.from([...varint(1), ...varint(2 ** 30), 0x91, 0, 1]);
    const ofs = Buffer.concat([
      entry(6, delta.length, delta).subarray(0, 1),
      Buffer.from([base.length]),
      deflateSync(delta),
    ]);
    await expect(readPack(pack(base, ofs), () => Promise.resolve(undefined))).rejects.toMatchObject(
      { code: 'sync-refused', message: /blob of 1073741824 bytes/ },
    );
    // A blob whose stream inflates past what its header declared is damaged, and stops there.
    const liar = Buffer.concat([Buffer.from([0x35]), deflateSync(Buffer.alloc(BIG))]);
    await expect(readPack(pack(liar), () => Promise.resolve(undefined))).rejects.toMatchObject({
      code: 'corrupt',
    });
    // Files each under the limit, but hundreds of them in a pack a thousand times smaller.
    const files = Array.from({ length: 300 }, (_, i) => {
      const bytes = Buffer.alloc(MAX_FILE_BYTES, 0x61);
      bytes.writeUInt32BE(i, 0);
      return entry(3, bytes.length, bytes);
    });
    await expect(readPack(pack(...files), () => Promise.resolve(undefined))).rejects.toMatchObject({
      code: 'sync-refused',
      message: /inflates to over/,
    });
    // Fewer of them are taken in.
    const taken = await readPack(pack(...files.slice(0, 20)), () => Promise.resolve(undefined));
    expect(taken.size).toBe(20);
  });
});

describe('a ledger holding a bomb', () => {
  const suite = syncSuite();
  const { peers } = suite;

  it('quarantines an oversized file and an oversized README as oversized, from their headers', async () => {
    const dir = peers.copy(suite.base, 'local');
    const gitdir = join(dir, '.git');
    const blob = await oneByteBlob(gitdir, BIG);
    // A loose blob whose header claims 1 TiB around a 2-byte body: judged by its header, as a
    // blob too large to inflate must be (inflating it would have found the 2 bytes).
    const liar = looseObject(gitdir, Buffer.from(`blob ${2 ** 40}\0{}`));
    const path = (id: string) => `proposals/${id.slice(0, 2)}/${id}/proposal.json`;
    plantAt(peers.gitCli.env, dir, {
      files: [
        ['README.md', blob],
        [path('0'.repeat(64)), blob],
        [path('1'.repeat(64)), liar],
      ],
    });
    const { state } = await (await Ledger.open(dir)).load(new Date(peers.now()));
    const found = state.quarantined.map((q) => [q.path, q.reason, q.detail.split(' ')[0]]);
    expect(found.sort()).toEqual([
      ['README.md', 'oversized', String(BIG)],
      [path('0'.repeat(64)), 'oversized', String(BIG)],
      [path('1'.repeat(64)), 'oversized', String(2 ** 40)],
    ]);
  });

  it('refuses to load a tree that reaches one folder object too often', async () => {
    const dir = peers.copy(suite.base, 'local');
    // 10 × 10 × 10 × 10 paths from four tree objects: the innermost is reached 1,000 times.
    const bomb = treeBomb(peers.gitCli.env, dir, 10, 4);
    plantAt(peers.gitCli.env, dir, { trees: [['junk', bomb]] });
    const error = await (
      await Ledger.open(dir)
    )
      .load(new Date(peers.now()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect(error).toMatchObject({
      code: 'invalid-statement',
      message: expect.stringMatching(new RegExp(`reached over ${MAX_TREE_REACH} times`)) as unknown,
    });
  });
});

describe('every sync door', () => {
  const suite = syncSuite();
  const { peers, fails } = suite;
  const hostile: Record<'blob' | 'tree', string> = { blob: '', tree: '' };
  const bundles: Record<'blob' | 'tree', string> = { blob: '', tree: '' };
  const messages = {
    blob: new RegExp(`blob of ${BIG} bytes, over the ${MAX_FILE_BYTES}-byte limit`),
    tree: new RegExp(`not a ledger's: tree [0-9a-f]{40} is reached over ${MAX_TREE_REACH} times`),
  };
  let backend: { blob: HttpBackend; tree: HttpBackend };

  beforeAll(async () => {
    hostile.blob = peers.copy(suite.base, 'hostile-blob');
    const { env } = peers.gitCli;
    const blob = await oneByteBlob(join(hostile.blob, '.git'), BIG);
    plantAt(env, hostile.blob, { files: [['README.md', blob]] });
    hostile.tree = peers.copy(suite.base, 'hostile-tree');
    plantAt(env, hostile.tree, { trees: [['junk', treeBomb(env, hostile.tree, 10, 4)]] });
    for (const kind of ['blob', 'tree'] as const) {
      // A peer the real git is content to serve: the bomb passes git fsck --strict.
      peers.fsck(hostile[kind]);
      bundles[kind] = `${peers.path(kind)}.bundle`;
      peers.git(hostile[kind], 'bundle', 'create', '-q', bundles[kind], 'main');
    }
    backend = {
      blob: await startHttpBackend(hostile.blob, peers.gitCli.env),
      tree: await startHttpBackend(hostile.tree, peers.gitCli.env),
    };
  }, 120_000);

  afterAll(async () => {
    await backend.blob.close();
    await backend.tree.close();
  });

  it.each(['blob', 'tree'] as const)(
    'refuses a %s bomb by folder, bundle and clone, and changes nothing',
    (kind) => {
      const ours = peers.copy(suite.base, 'ours');
      const before = snapshots(peers, ours);
      for (const target of [hostile[kind], bundles[kind]]) {
        const error = fails(ours, 'sync', target);
        expect(error, target).toMatchObject({ code: 'sync-refused' });
        expect(error.message, target).toMatch(messages[kind]);
        expectUnchanged(peers, before);
      }
      for (const source of [hostile[kind], bundles[kind]]) {
        const into = peers.path('clone');
        const error = fails(peers.root, 'clone', source, into);
        expect(error, source).toMatchObject({ code: 'sync-refused' });
        expect(
          peers.gitRun(peers.root, ['-C', into, 'rev-parse', '-q', '--verify', 'main']).status,
        ).not.toBe(0);
      }
      peers.fsck(ours);
    },
    120_000,
  );

  it.each(['blob', 'tree'] as const)(
    'refuses a %s bomb fetched from a peer over HTTP (git http-backend), and changes nothing',
    async (kind) => {
      const ours = peers.copy(suite.base, 'ours');
      const before = snapshots(peers, ours);
      const r = await peers.cliAsync(peers.alice, ours, 'sync', backend[kind].url);
      expect(r.status, r.stdout + r.stderr).toBe(1);
      const { error } = r.json as { error: { code: string; message: string } };
      expect(error.code).toBe('sync-refused');
      expect(error.message).toMatch(messages[kind]);
      expectUnchanged(peers, before);
    },
    120_000,
  );
});

describe('a push to steward serve', () => {
  const g = new ServedGroup();
  beforeAll(() => g.start(), 120_000);
  afterAll(() => g.close());

  it.each(['blob', 'tree'] as const)(
    'refuses a %s bomb pushed with the git CLI, and main does not move',
    async (kind) => {
      const dir = join(g.root, `push-${kind}`);
      await g.git(g.root, 'clone', '-q', g.url, dir);
      const before = await g.head();
      const gitdir = join(dir, '.git');
      if (kind === 'blob') {
        plantAt(g.env, dir, { files: [['README.md', await oneByteBlob(gitdir, BIG)]] });
      } else plantAt(g.env, dir, { trees: [['junk', treeBomb(g.env, dir, 10, 4)]] });
      const r = await g.push(dir, await g.proof('alice'));
      expect(r.status, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(kind === 'blob' ? /blob of \d+ bytes/ : /reached over \d+ times/);
      expect(await g.head()).toBe(before);
      await g.fsck();
    },
    120_000,
  );
});

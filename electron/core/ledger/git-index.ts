/**
 * Adds one entry to git's index (`.git/index`, versions 2 and 3) by splicing it into place, so a
 * non-bare repo stays `git status`-clean without rebuilding the index from the trees each time.
 * Cache extensions (cache-tree, untracked cache) are dropped: git rebuilds them when it needs
 * them. Indexes this cannot splice (version 4, split or sparse index, unresolved conflicts) are
 * refused before anything is committed, with the git command that converts them.
 *
 * The caller takes git's `index.lock` before moving the branch and writes through it after, so
 * a busy index refuses the append instead of failing it halfway.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { StewardError } from '../../../shared/errors';

type Located = {
  version: number;
  entriesEnd: number;
  count: number;
  insertAt: number;
  replace: number;
};

export type IndexPlan = { index: Buffer; at: Located };

const scan = (index: Buffer, path: Buffer): Located | string => {
  if (index.length < 32 || index.toString('latin1', 0, 4) !== 'DIRC')
    return 'it is not a git index';
  const version = index.readUInt32BE(4);
  if (version !== 2 && version !== 3)
    return `it is index version ${version} (run: git update-index --index-version 2)`;
  const count = index.readUInt32BE(8);
  let offset = 12;
  let insertAt = -1;
  let replace = 0;
  for (let i = 0; i < count; i++) {
    const flags = index.readUInt16BE(offset + 60);
    if (flags & 0x3000) return 'it holds unresolved merge conflicts';
    const extended = version >= 3 && (flags & 0x4000) !== 0;
    const nameStart = offset + 62 + (extended ? 2 : 0);
    let nameEnd = nameStart + (flags & 0xfff);
    if ((flags & 0xfff) === 0xfff) nameEnd = index.indexOf(0, nameStart);
    const entryLength = Math.ceil((nameEnd - offset + 1) / 8) * 8;
    if (insertAt < 0) {
      const cmp = Buffer.compare(index.subarray(nameStart, nameEnd), path);
      if (cmp === 0) {
        insertAt = offset;
        replace = entryLength;
      } else if (cmp > 0) insertAt = offset;
    }
    offset += entryLength;
  }
  for (let ext = offset; ext + 8 <= index.length - 20; ext += 8 + index.readUInt32BE(ext + 4)) {
    const signature = index.toString('latin1', ext, ext + 4);
    if (signature === 'link') return 'it is a split index (run: git update-index --no-split-index)';
    if (signature === 'sdir') return 'it is a sparse index (run: git sparse-checkout disable)';
  }
  return {
    version,
    entriesEnd: offset,
    count,
    insertAt: insertAt < 0 ? offset : insertAt,
    replace,
  };
};

const entryBytes = (path: Buffer, oid: string, st: BigIntStats): Buffer => {
  const length = Math.ceil((62 + path.length + 1) / 8) * 8;
  const e = Buffer.alloc(length);
  const u32 = (value: bigint, at: number) => e.writeUInt32BE(Number(value & 0xffffffffn), at);
  u32(st.ctimeNs / 1_000_000_000n, 0);
  u32(st.ctimeNs % 1_000_000_000n, 4);
  u32(st.mtimeNs / 1_000_000_000n, 8);
  u32(st.mtimeNs % 1_000_000_000n, 12);
  u32(st.dev, 16);
  u32(st.ino, 20);
  e.writeUInt32BE(0o100644, 24);
  u32(st.uid, 28);
  u32(st.gid, 32);
  u32(st.size, 36);
  Buffer.from(oid, 'hex').copy(e, 40);
  e.writeUInt16BE(Math.min(path.length, 0xfff), 60);
  path.copy(e, 62);
  return e;
};

/** An empty index (no entries) that git accepts. */
export const emptyIndex = (): Buffer => {
  const body = Buffer.alloc(12);
  body.write('DIRC', 0, 'latin1');
  body.writeUInt32BE(2, 4);
  body.writeUInt32BE(0, 8);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
};

/** Takes `index.lock` (as git does) and reads the index; refuses what it cannot splice. */
export const lockIndex = async (indexPath: string, filePath: string): Promise<IndexPlan> => {
  const lock = `${indexPath}.lock`;
  try {
    await (await open(lock, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new StewardError(
        'locked',
        `git is using the index (${lock} exists): try again; if no git command is running, delete that file`,
      );
    }
    throw error;
  }
  try {
    let index: Buffer;
    try {
      index = await readFile(indexPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      index = emptyIndex();
    }
    const at = scan(index, Buffer.from(filePath));
    if (typeof at === 'string')
      throw new StewardError('conflict', `Steward cannot update this repo's git index: ${at}`);
    return { index, at };
  } catch (error) {
    await unlink(lock);
    throw error;
  }
};

export const unlockIndex = (indexPath: string): Promise<void> => unlink(`${indexPath}.lock`);

/** Writes the planned index with the new entry through the lock, and puts it in place. */
export const writeIndex = async (
  indexPath: string,
  plan: IndexPlan,
  filePath: string,
  oid: string,
  st: BigIntStats,
): Promise<void> => {
  const { index, at } = plan;
  const path = Buffer.from(filePath);
  const header = Buffer.from(index.subarray(0, 12));
  header.writeUInt32BE(at.count + (at.replace ? 0 : 1), 8);
  const body = Buffer.concat([
    header,
    index.subarray(12, at.insertAt),
    entryBytes(path, oid, st),
    index.subarray(at.insertAt + at.replace, at.entriesEnd),
  ]);
  await writeFile(
    `${indexPath}.lock`,
    Buffer.concat([body, createHash('sha1').update(body).digest()]),
  );
  await rename(`${indexPath}.lock`, indexPath);
};

/** The index's entries as they are on disk, each with its path. */
const entries = (index: Buffer): { name: Buffer; bytes: Buffer }[] => {
  const version = index.readUInt32BE(4);
  const count = index.readUInt32BE(8);
  const out: { name: Buffer; bytes: Buffer }[] = [];
  let offset = 12;
  for (let i = 0; i < count; i++) {
    const flags = index.readUInt16BE(offset + 60);
    const extended = version >= 3 && (flags & 0x4000) !== 0;
    const nameStart = offset + 62 + (extended ? 2 : 0);
    let nameEnd = nameStart + (flags & 0xfff);
    if ((flags & 0xfff) === 0xfff) nameEnd = index.indexOf(0, nameStart);
    const length = Math.ceil((nameEnd - offset + 1) / 8) * 8;
    out.push({
      name: index.subarray(nameStart, nameEnd),
      bytes: index.subarray(offset, offset + length),
    });
    offset += length;
  }
  return out;
};

/**
 * Writes the locked index with many entries added or replaced at once (the files a sync brought
 * in), keeping every other entry as it was, and puts it in place.
 */
export const writeIndexEntries = async (
  indexPath: string,
  plan: IndexPlan,
  added: { path: string; oid: string; st: BigIntStats }[],
): Promise<void> => {
  const byName = new Map(entries(plan.index).map((e) => [e.name.toString('latin1'), e]));
  for (const a of added) {
    const name = Buffer.from(a.path);
    byName.set(name.toString('latin1'), { name, bytes: entryBytes(name, a.oid, a.st) });
  }
  const sorted = [...byName.values()].sort((x, y) => Buffer.compare(x.name, y.name));
  const header = Buffer.from(plan.index.subarray(0, 12));
  header.writeUInt32BE(sorted.length, 8);
  const body = Buffer.concat([header, ...sorted.map((e) => e.bytes)]);
  await writeFile(
    `${indexPath}.lock`,
    Buffer.concat([body, createHash('sha1').update(body).digest()]),
  );
  await rename(`${indexPath}.lock`, indexPath);
};

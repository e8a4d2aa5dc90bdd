/**
 * Adds one entry to git's index (`.git/index`, versions 2 and 3) by splicing it into place, so a
 * non-bare repo stays `git status`-clean without rebuilding the index from the trees each time.
 * Cache extensions (cache-tree, untracked cache) are dropped: git rebuilds them when it needs them.
 * Returns false for an index this cannot splice (version 4, split index), for the caller to rebuild.
 */
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';

type Located = {
  version: number;
  entriesEnd: number;
  count: number;
  insertAt: number;
  replace: number;
};

const locate = (index: Buffer, path: Buffer): Located | undefined => {
  if (index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = index.readUInt32BE(4);
  if (version !== 2 && version !== 3) return undefined;
  const count = index.readUInt32BE(8);
  let offset = 12;
  let insertAt = -1;
  let replace = 0;
  for (let i = 0; i < count; i++) {
    const flags = index.readUInt16BE(offset + 60);
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

export const spliceIndexEntry = async (
  indexPath: string,
  filePath: string,
  oid: string,
  st: BigIntStats,
): Promise<boolean> => {
  let index: Buffer;
  try {
    index = await readFile(indexPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    index = emptyIndex();
  }
  const path = Buffer.from(filePath);
  const at = locate(index, path);
  if (!at) return false;
  const header = Buffer.from(index.subarray(0, 12));
  header.writeUInt32BE(at.count + (at.replace ? 0 : 1), 8);
  const body = Buffer.concat([
    header,
    index.subarray(12, at.insertAt),
    entryBytes(path, oid, st),
    index.subarray(at.insertAt + at.replace, at.entriesEnd),
  ]);
  const lock = `${indexPath}.lock`;
  const handle = await open(lock, 'wx');
  try {
    try {
      await handle.writeFile(Buffer.concat([body, createHash('sha1').update(body).digest()]));
    } finally {
      await handle.close();
    }
    await rename(lock, indexPath);
  } catch (error) {
    await unlink(lock);
    throw error;
  }
  return true;
};

/**
 * Reads git objects, loose or packed, with Node's native zlib. isomorphic-git's own reader
 * inflates in JavaScript and resolves deltas one object at a time, which made reading a large
 * ledger the slowest part of verifying it; this one keeps each pack in memory and caches the
 * delta bases it resolves. Objects are content-addressed, so a cache never goes stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { StewardError } from '../../../shared/errors';

export type GitObject = { type: string; bytes: Buffer };

type Pack = { offsets: Map<string, number>; data: Buffer; cache: Map<number, GitObject> };

const types = ['', 'commit', 'tree', 'blob', 'tag', '', 'ofs-delta', 'ref-delta'];

const readIndex = (idx: Buffer): Map<string, number> => {
  const offsets = new Map<string, number>();
  if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return offsets;
  const count = idx.readUInt32BE(8 + 255 * 4);
  const names = 8 + 256 * 4;
  const small = names + count * 20 + count * 4;
  const large = small + count * 4;
  for (let i = 0; i < count; i++) {
    let offset = idx.readUInt32BE(small + i * 4);
    if (offset & 0x80000000)
      offset = Number(idx.readBigUInt64BE(large + (offset & 0x7fffffff) * 8));
    offsets.set(idx.toString('hex', names + i * 20, names + i * 20 + 20), offset);
  }
  return offsets;
};

const badDelta = (detail: string): StewardError =>
  new StewardError('corrupt', `a damaged git object: ${detail}`);

/** No object a ledger needs comes near this; a hostile delta claiming more is refused early. */
const MAX_OBJECT_BYTES = 64 * 1024 * 1024;

/** Applies a git delta to its base; throws `corrupt` on a delta that does not fit its base. */
export const applyDelta = (base: Buffer, delta: Buffer): Buffer => {
  let i = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (i >= delta.length) throw badDelta('a delta ends early');
      byte = delta[i++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  if (varint() !== base.length) throw badDelta('a delta does not match its base');
  const size = varint();
  if (size > MAX_OBJECT_BYTES) throw badDelta('a delta makes an object too large');
  const out = Buffer.alloc(size);
  let at = 0;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let b = 0; b < 4; b++) if (op & (1 << b)) offset += delta[i++]! * 2 ** (8 * b);
      for (let b = 0; b < 3; b++) if (op & (0x10 << b)) length |= delta[i++]! << (8 * b);
      length ||= 0x10000;
      if (offset + length > base.length || at + length > size) throw badDelta('a delta overruns');
      base.copy(out, at, offset, offset + length);
      at += length;
    } else if (op > 0) {
      if (i + op > delta.length || at + op > size) throw badDelta('a delta overruns');
      delta.copy(out, at, i, i + op);
      at += op;
      i += op;
    } else throw badDelta('a delta holds a reserved opcode');
  }
  if (at !== size) throw badDelta('a delta ends short of its size');
  return out;
};

export class ObjectStore {
  /** The packs, listed once; a promise, so that concurrent reads share one listing. */
  private packs: Promise<Pack[]> | undefined;

  constructor(private readonly gitdir: string) {}

  private loadPacks(): Promise<Pack[]> {
    this.packs ??= this.listPacks();
    return this.packs;
  }

  private listed: string[] = [];

  private async packNames(): Promise<string[]> {
    try {
      return (await readdir(join(this.gitdir, 'objects', 'pack')))
        .filter((n) => n.endsWith('.idx'))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return [];
    }
  }

  private async listPacks(): Promise<Pack[]> {
    const dir = join(this.gitdir, 'objects', 'pack');
    const names = await this.packNames();
    this.listed = names;
    return Promise.all(
      names.map(async (n) => ({
        offsets: readIndex(await readFile(join(dir, n))),
        data: await readFile(join(dir, n.replace(/\.idx$/, '.pack'))),
        cache: new Map<number, GitObject>(),
      })),
    );
  }

  private atOffset(pack: Pack, offset: number, depth = 0): GitObject {
    const cached = pack.cache.get(offset);
    if (cached) return cached;
    const d = pack.data;
    let i = offset;
    let byte = d[i++]!;
    const type = types[(byte >> 4) & 7]!;
    while (byte & 0x80) byte = d[i++]!;
    let result: GitObject;
    if (type === 'ofs-delta') {
      byte = d[i++]!;
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = d[i++]!;
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      const base = this.atOffset(pack, offset - back, depth + 1);
      result = { type: base.type, bytes: applyDelta(base.bytes, inflateSync(d.subarray(i))) };
    } else if (type === 'ref-delta') {
      const baseOid = d.toString('hex', i, i + 20);
      const baseOffset = pack.offsets.get(baseOid);
      if (baseOffset === undefined || depth > 100) throw new Error(`missing delta base ${baseOid}`);
      const base = this.atOffset(pack, baseOffset, depth + 1);
      result = { type: base.type, bytes: applyDelta(base.bytes, inflateSync(d.subarray(i + 20))) };
    } else {
      result = { type, bytes: inflateSync(d.subarray(i)) };
    }
    // Keep delta bases and trees (read again and again); blobs are read once.
    if (result.type !== 'blob' || depth > 0) {
      if (pack.cache.size > 250_000) pack.cache.clear();
      pack.cache.set(offset, result);
    }
    return result;
  }

  /** Whether the repo has the object, without reading it. */
  async has(oid: string): Promise<boolean> {
    if ((await this.loadPacks()).some((p) => p.offsets.has(oid))) return true;
    if (existsSync(join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2)))) return true;
    return (await this.read(oid)) !== undefined;
  }

  /** The object, or undefined when the repo does not have it. */
  async read(oid: string): Promise<GitObject | undefined> {
    // Packs first: an in-memory lookup, where a loose read in a packed repo is a failed open.
    const packed = this.fromPacks(await this.loadPacks(), oid);
    if (packed) return packed;
    try {
      // Synchronous: a loose object is a small file, and an asynchronous read's trip through the
      // thread pool costs more than the read itself (a sync walks thousands of them in a row).
      const raw = inflateSync(
        readFileSync(join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2))),
      );
      const nul = raw.indexOf(0);
      return { type: raw.toString('latin1', 0, raw.indexOf(0x20)), bytes: raw.subarray(nul + 1) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // Perhaps a pack written since the packs were listed (by git gc, or a fetch): list again, but
    // only read the packs again when the listing changed, so missing objects stay cheap.
    if ((await this.packNames()).join() === this.listed.join()) return undefined;
    this.packs = undefined;
    return this.fromPacks(await this.loadPacks(), oid);
  }

  private fromPacks(packs: Pack[], oid: string): GitObject | undefined {
    for (const pack of packs) {
      const offset = pack.offsets.get(oid);
      if (offset !== undefined) return this.atOffset(pack, offset);
    }
    return undefined;
  }
}

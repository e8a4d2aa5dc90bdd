/**
 * Reads git objects, loose or packed, with Node's native zlib. isomorphic-git's own reader
 * inflates in JavaScript and resolves deltas one object at a time, which made reading a large
 * ledger the slowest part of verifying it; this one keeps each pack in memory and caches the
 * delta bases it resolves. Objects are content-addressed, so a cache never goes stale. An object's
 * type and size are read from its header first: one over its limit is never inflated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { StewardError } from '../../../shared/errors';
import { applyDelta, badDelta, deltaSizes } from './delta';
import { inflateExactly, inflatePrefix, looseHeader, type ObjectHeader } from './object-header';
import { maxBytesOf, MAX_OBJECT_BYTES, oversized } from './limits';

export { applyDelta, deltaSizes, inflateExactly, type ObjectHeader };

export type GitObject = { type: string; bytes: Buffer };

type Pack = { offsets: Map<string, number>; data: Buffer; cache: Map<number, GitObject> };

const types = ['', 'commit', 'tree', 'blob', 'tag', '', 'ofs-delta', 'ref-delta'];

/** A pack's index (version 2); `corrupt` when it is cut short, as no writer leaves one. */
const readIndex = (idx: Buffer, name: string): Map<string, number> => {
  const offsets = new Map<string, number>();
  const torn = (): StewardError =>
    new StewardError('corrupt', `the pack index ${name} is cut short or damaged`, { name });
  const names = 8 + 256 * 4;
  if (idx.length < names + 40) throw torn();
  if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return offsets;
  const count = idx.readUInt32BE(8 + 255 * 4);
  const small = names + count * 20 + count * 4;
  const large = small + count * 4;
  // Names, CRCs and small offsets, then the 64-bit offsets, then two checksums.
  if (idx.length < large + 40) throw torn();
  for (let i = 0; i < count; i++) {
    let offset = idx.readUInt32BE(small + i * 4);
    if (offset & 0x80000000) {
      const at = large + (offset & 0x7fffffff) * 8;
      if (at + 8 > idx.length - 40) throw torn();
      offset = Number(idx.readBigUInt64BE(at));
    }
    offsets.set(idx.toString('hex', names + i * 20, names + i * 20 + 20), offset);
  }
  return offsets;
};

const tooLarge = (header: ObjectHeader, limit: number): StewardError =>
  new StewardError(
    'corrupt',
    `a ${header.type} of ${header.size} bytes is over the ${limit}-byte limit: not read`,
    { ...header, limit },
  );

export const isHeader = (o: GitObject | ObjectHeader): o is ObjectHeader => !('bytes' in o);

/** A limit in bytes, for every object or by the object's type. */
export type Limit = number | ((type: string) => number);

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
      return (
        (await readdir(join(this.gitdir, 'objects', 'pack')))
          // Packs only: a temporary file of a writer that was killed is no pack (git's rule too).
          .filter((n) => /^pack-[0-9a-f]{40}\.idx$/.test(n))
          .sort()
      );
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
        offsets: readIndex(await readFile(join(dir, n)), n),
        data: await readFile(join(dir, n.replace(/\.idx$/, '.pack'))),
        cache: new Map<number, GitObject>(),
      })),
    );
  }

  /** A pack entry's header: its type code's name, its size, and where what follows begins. */
  private entryHeader(pack: Pack, offset: number) {
    const d = pack.data;
    let i = offset;
    if (i >= d.length) throw badDelta(`no object at ${offset} of a pack`);
    let byte = d[i++]!;
    const type = types[(byte >> 4) & 7]!;
    let size = byte & 15;
    let shift = 4;
    while (byte & 0x80 && shift < 64) {
      byte = d[i++]!;
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    let base: number | undefined;
    if (type === 'ofs-delta') {
      byte = d[i++]!;
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = d[i++]!;
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      base = offset - back;
    } else if (type === 'ref-delta') {
      const baseOid = d.toString('hex', i, i + 20);
      i += 20;
      base = pack.offsets.get(baseOid);
      if (base === undefined) throw new Error(`missing delta base ${baseOid}`);
    }
    if (type === '') throw badDelta(`an object of unknown type at ${offset} of a pack`);
    return { type, size, at: i, base };
  }

  /** The type of the object at `offset`, following delta bases by their headers alone. */
  private typeAt(pack: Pack, offset: number, depth: number): string {
    const cached = pack.cache.get(offset);
    if (cached) return cached.type;
    const h = this.entryHeader(pack, offset);
    if (h.base === undefined) return h.type;
    if (depth > 100) throw badDelta('a delta chain over 100 long');
    return this.typeAt(pack, h.base, depth + 1);
  }

  /**
   * The object at `offset`, or only its header when it holds over `limit` bytes: a whole object
   * is never inflated to learn that it is too large, and a delta's result size is read before
   * the delta is applied.
   */
  private atOffset(
    pack: Pack,
    offset: number,
    limitOf: (type: string) => number,
    depth = 0,
  ): GitObject | ObjectHeader {
    const cached = pack.cache.get(offset);
    if (cached) {
      const size = cached.bytes.length;
      return size > limitOf(cached.type) ? { type: cached.type, size } : cached;
    }
    const h = this.entryHeader(pack, offset);
    let result: GitObject;
    if (h.base !== undefined) {
      if (depth > 100) throw badDelta('a delta chain over 100 long');
      if (h.size > MAX_OBJECT_BYTES)
        throw tooLarge({ type: 'delta', size: h.size }, MAX_OBJECT_BYTES);
      const delta = inflateExactly(pack.data.subarray(h.at), h.size);
      const { result: size } = deltaSizes(delta);
      const type = this.typeAt(pack, h.base, depth + 1);
      if (size > limitOf(type)) return { type, size };
      const base = this.atOffset(pack, h.base, () => MAX_OBJECT_BYTES, depth + 1);
      if (isHeader(base)) throw tooLarge(base, MAX_OBJECT_BYTES);
      result = { type: base.type, bytes: applyDelta(base.bytes, delta, limitOf(type)) };
    } else {
      if (h.size > limitOf(h.type)) return { type: h.type, size: h.size };
      result = { type: h.type, bytes: inflateExactly(pack.data.subarray(h.at), h.size) };
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
    return (await this.header(oid)) !== undefined;
  }

  /**
   * The object, or undefined when the repo does not have it; throws `corrupt` for an object over
   * MAX_OBJECT_BYTES (found from its header, not inflated).
   */
  async read(oid: string): Promise<GitObject | undefined> {
    const found = await this.readWithin(oid, MAX_OBJECT_BYTES);
    if (found && isHeader(found)) throw tooLarge(found, MAX_OBJECT_BYTES);
    return found;
  }

  /**
   * The object held to a ledger's limits (a blob to the file limit): what every sync door reads
   * with, so that one over them is refused (`sync-refused`) from its header, never inflated.
   */
  async readForSync(oid: string): Promise<GitObject | undefined> {
    const found = await this.readWithin(oid, maxBytesOf);
    if (found && isHeader(found)) throw oversized(found.type, found.size);
    return found;
  }

  /** The object's type and size, from its header alone. */
  async header(oid: string): Promise<ObjectHeader | undefined> {
    const found = await this.readWithin(oid, -1);
    return found && (isHeader(found) ? found : { type: found.type, size: found.bytes.length });
  }

  /**
   * The object when it holds at most `limit` bytes; else only its type and size, learnt from its
   * header without inflating it (at most `limit` bytes of it are). Undefined when it is missing.
   */
  async readWithin(oid: string, limit: Limit): Promise<GitObject | ObjectHeader | undefined> {
    const limitOf = typeof limit === 'number' ? () => limit : limit;
    // Packs first: an in-memory lookup, where a loose read in a packed repo is a failed open.
    const packed = this.fromPacks(await this.loadPacks(), oid, limitOf);
    if (packed) return packed;
    let file: Buffer;
    try {
      // Synchronous: a loose object is a small file, and an asynchronous read's trip through the
      // thread pool costs more than the read itself (a sync walks thousands of them in a row).
      file = readFileSync(join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Perhaps a pack written since the packs were listed (by git gc, or a fetch): list again,
      // but only read the packs again when the listing changed, so missing objects stay cheap.
      if ((await this.packNames()).join() === this.listed.join()) return undefined;
      this.packs = undefined;
      return this.fromPacks(await this.loadPacks(), oid, limitOf);
    }
    return this.loose(file, typeof limit === 'number' ? limit : limit('blob'), limitOf);
  }

  /**
   * A loose object: inflated at most to `first` bytes (the limit of the type most objects have);
   * past that, its header says whether its own type's limit lets it be inflated whole.
   */
  private loose(
    file: Buffer,
    first: number,
    limitOf: (type: string) => number,
  ): GitObject | ObjectHeader {
    const inflateUpTo = (max: number): Buffer | undefined => {
      if (max < 0) return undefined;
      try {
        // The header (`blob 262144\0`) takes at most 32 bytes.
        return inflateSync(file, { maxOutputLength: max + 32 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
        throw badDelta(`a loose object does not inflate (${String(error)})`);
      }
    };
    let raw = inflateUpTo(first);
    const header = looseHeader(
      raw ?? inflatePrefix(file, (out) => out.includes(0)) ?? Buffer.alloc(0),
    );
    if (!header) throw badDelta('a loose object has no header');
    const limit = limitOf(header.type);
    if (header.size > limit) return header;
    raw ??= inflateUpTo(header.size);
    if (!raw) throw badDelta(`a loose ${header.type} inflates past its ${header.size} bytes`);
    const bytes = raw.subarray(raw.indexOf(0) + 1);
    if (bytes.length !== header.size) throw badDelta(`a loose ${header.type} is not its size`);
    return { type: header.type, bytes };
  }

  private fromPacks(
    packs: Pack[],
    oid: string,
    limitOf: (type: string) => number,
  ): GitObject | ObjectHeader | undefined {
    for (const pack of packs) {
      const offset = pack.offsets.get(oid);
      if (offset !== undefined) return this.atOffset(pack, offset, limitOf);
    }
    return undefined;
  }
}

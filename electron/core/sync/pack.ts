/**
 * Git packfiles (version 2) and their indexes, read and written with Node's native zlib. Every
 * route into a repo (a fetch, a push to `steward serve`, a bundle, another folder) arrives as a
 * pack; every route out leaves as one. Packs written here hold whole objects, never deltas, and
 * store them uncompressed (see zlibStored): a ledger's objects are small JSON files and trees,
 * where compression saves little and costs most of the time.
 */
import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import { StewardError } from '../../../shared/errors';
import { readStored, writeStored } from './zlib-stored';
import { maxBytesOf, MAX_OBJECT_BYTES, oversized } from '../ledger/limits';
import { applyDelta, deltaSizes, type GitObject } from '../ledger/object-store';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
export type PackedObject = { oid: string; type: ObjectType; bytes: Buffer };

const typeNames = ['', 'commit', 'tree', 'blob', 'tag', '', 'ofs-delta', 'ref-delta'] as const;
const typeCodes: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

export const hashObject = (type: string, bytes: Uint8Array): string =>
  createHash('sha1').update(`${type} ${bytes.length}\0`).update(bytes).digest('hex');

const corrupt = (detail: string): StewardError =>
  new StewardError('corrupt', `the incoming pack is damaged: ${detail}`);

type Entry = {
  offset: number;
  type: (typeof typeNames)[number];
  data: Buffer;
  baseOffset?: number;
  baseOid?: string;
};

export type PackProgress = { phase: 'unpack'; done: number; total: number };

/**
 * Every object in a pack, deltas resolved. Bases a thin pack leaves out are looked up with
 * `external` (the receiving repo). The trailing checksum is verified first, so a truncated or
 * damaged transfer is refused before any object is trusted.
 */
export const readPack = async (
  pack: Buffer,
  external: (oid: string) => Promise<GitObject | undefined>,
  onProgress?: (p: PackProgress) => void,
): Promise<Map<string, PackedObject>> => {
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK') throw corrupt('no pack header');
  const version = pack.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw corrupt(`pack version ${version}`);
  const body = pack.subarray(0, pack.length - 20);
  if (
    !createHash('sha1')
      .update(body)
      .digest()
      .equals(pack.subarray(pack.length - 20))
  ) {
    throw corrupt('its checksum does not match (truncated?)');
  }
  const count = pack.readUInt32BE(8);
  // The smallest object takes 2 bytes of header and 8 of zlib stream.
  if (count > body.length / 10) throw corrupt(`it claims ${count} objects`);
  const entries: Entry[] = [];
  const inflated = inflatedBudget(pack.length);
  let i = 12;
  for (let n = 0; n < count; n++) {
    if (i >= body.length) throw corrupt('it ends before its last object');
    const offset = i;
    let byte = body[i++]!;
    const type = typeNames[(byte >> 4) & 7]!;
    if (type === '') throw corrupt(`an object of unknown type at ${offset}`);
    let size = byte & 15;
    let shift = 4;
    while (byte & 0x80) {
      byte = body[i++]!;
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    // A delta's own size is its instructions'; what it makes is checked before it is applied.
    if (type === 'ofs-delta' || type === 'ref-delta') {
      if (size > MAX_OBJECT_BYTES) throw corrupt(`a delta of ${size} bytes`);
    } else if (size > maxBytesOf(type)) throw oversized(type, size);
    inflated.take(size);
    const entry: Entry = { offset, type, data: Buffer.alloc(0) };
    if (type === 'ofs-delta') {
      byte = body[i++]!;
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = body[i++]!;
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      entry.baseOffset = offset - back;
    } else if (type === 'ref-delta') {
      entry.baseOid = body.toString('hex', i, i + 20);
      i += 20;
    }
    const { bytes, used } = readStored(body, i) ?? inflate(body, i, offset, size);
    if (bytes.length !== size) throw corrupt(`the object at ${offset} has the wrong size`);
    entry.data = bytes;
    i += used;
    entries.push(entry);
    if (n % 1000 === 999) onProgress?.({ phase: 'unpack', done: n + 1, total: count });
  }
  if (i !== body.length) throw corrupt('bytes follow its last object');
  onProgress?.({ phase: 'unpack', done: count, total: count });
  return resolve(entries, external, inflated);
};

export const MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Many objects each under its limit can still make a small pack inflate to gigabytes (thousands of
 * 256 KB files of one byte): what a pack may inflate to is bounded by its own size. Packs written
 * here are stored, not compressed; git's compress JSON and trees well under 20 to 1.
 */
const inflatedBudget = (packBytes: number) => {
  // And never over 2 GiB, whatever the pack's size: a ledger of 100k proposals is a tenth of it.
  const limit = Math.min(64 * 1024 * 1024 + 64 * packBytes, MAX_INFLATED_BYTES);
  let total = 0;
  return {
    take(size: number): void {
      total += size;
      if (total > limit) {
        throw new StewardError(
          'sync-refused',
          `refused: the incoming pack of ${packBytes} bytes inflates to over ${limit} bytes, more than any ledger's objects; nothing was synced`,
          { packBytes, limit },
        );
      }
    },
  };
};

const inflate = (
  body: Buffer,
  at: number,
  offset: number,
  size: number,
): { bytes: Buffer; used: number } => {
  try {
    // Never past the size the header declared, whatever the stream would make.
    const options = { info: true, maxOutputLength: Math.max(1, size) };
    const out = inflateSync(body.subarray(at), options) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    return { bytes: out.buffer, used: out.engine.bytesWritten };
  } catch {
    throw corrupt(`the object at ${offset} does not inflate`);
  }
};

const resolve = async (
  entries: Entry[],
  external: (oid: string) => Promise<GitObject | undefined>,
  inflated: ReturnType<typeof inflatedBudget>,
): Promise<Map<string, PackedObject>> => {
  const objects = new Map<string, PackedObject>();
  const byOffset = new Map<number, PackedObject>();
  const add = (entry: Entry, type: ObjectType, bytes: Buffer): void => {
    const object = { oid: hashObject(type, bytes), type, bytes };
    objects.set(object.oid, object);
    byOffset.set(entry.offset, object);
  };
  let pending: Entry[] = [];
  for (const e of entries) {
    if (e.type === 'ofs-delta' || e.type === 'ref-delta') pending.push(e);
    else add(e, e.type as ObjectType, e.data);
  }
  // Deltas may name bases that come later in the pack, or (thin packs) outside it: resolve in
  // rounds until a round makes no progress.
  while (pending.length > 0) {
    const next: Entry[] = [];
    for (const e of pending) {
      let base: { type: string; bytes: Buffer } | undefined =
        e.baseOffset !== undefined ? byOffset.get(e.baseOffset) : objects.get(e.baseOid!);
      if (!base && e.baseOid) base = await external(e.baseOid);
      if (!base) next.push(e);
      else {
        const size = deltaSizes(e.data).result;
        if (size > maxBytesOf(base.type)) throw oversized(base.type, size);
        inflated.take(size);
        add(e, base.type as ObjectType, applyDelta(base.bytes, e.data, maxBytesOf(base.type)));
      }
    }
    if (next.length === pending.length) {
      const internal = next.find((e) => e.baseOffset !== undefined);
      if (internal) {
        throw corrupt(
          `the delta at ${internal.offset} points at ${internal.baseOffset}, where no object starts`,
        );
      }
      const missing = next[0]!.baseOid ?? `the object at ${next[0]!.baseOffset}`;
      throw new StewardError(
        'missing-prerequisites',
        `the incoming pack builds on objects this repo does not have (${missing})`,
        { missing: next.map((e) => e.baseOid).filter(Boolean) },
      );
    }
    pending = next;
  }
  return objects;
};

const objectHeader = (type: ObjectType, size: number): Buffer => {
  const bytes = [(typeCodes[type] << 4) | (size & 15)];
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes[bytes.length - 1]! |= 0x80;
    bytes.push(rest & 0x7f);
    rest = Math.floor(rest / 128);
  }
  return Buffer.from(bytes);
};

export type WrittenPack = { pack: Buffer; index: Buffer; checksum: string };

/** A pack of whole objects and its version-2 index, ready to be put in `objects/pack`. */
export const writePack = (objects: Iterable<PackedObject>): WrittenPack => {
  const list = [...objects];
  // One buffer for the whole pack: each record is a type-and-size header (at most 10 bytes) and
  // a stored zlib stream (6 bytes plus 5 per 64 KB block).
  const room = list.reduce(
    (n, o) => n + 16 + o.bytes.length + 5 * Math.ceil(o.bytes.length / 65535),
    32,
  );
  const pack = Buffer.allocUnsafe(room);
  pack.write('PACK', 0, 'latin1');
  pack.writeUInt32BE(2, 4);
  pack.writeUInt32BE(list.length, 8);
  const rows: { oid: Buffer; offset: number; crc: number }[] = [];
  let offset = 12;
  for (const o of list) {
    const start = offset;
    const header = objectHeader(o.type, o.bytes.length);
    header.copy(pack, offset);
    offset += header.length;
    offset += writeStored(o.bytes, pack, offset);
    rows.push({
      oid: Buffer.from(o.oid, 'hex'),
      offset: start,
      crc: crc32(pack.subarray(start, offset)),
    });
  }
  if (offset >= 2 ** 31) throw new StewardError('internal', 'a pack over 2 GB is not supported');
  const checksum = createHash('sha1').update(pack.subarray(0, offset)).digest();
  checksum.copy(pack, offset);
  const bytes = pack.subarray(0, offset + 20);
  return { pack: bytes, index: writeIndex(rows, checksum), checksum: checksum.toString('hex') };
};

const writeIndex = (
  rows: { oid: Buffer; offset: number; crc: number }[],
  packChecksum: Buffer,
): Buffer => {
  rows.sort((a, b) => Buffer.compare(a.oid, b.oid));
  const n = rows.length;
  const out = Buffer.alloc(8 + 256 * 4 + n * 28 + 20);
  out.writeUInt32BE(0xff744f63, 0);
  out.writeUInt32BE(2, 4);
  let at = 0;
  for (let b = 0; b < 256; b++) {
    while (at < n && rows[at]!.oid[0]! <= b) at++;
    out.writeUInt32BE(at, 8 + b * 4);
  }
  const names = 8 + 256 * 4;
  rows.forEach((r, k) => {
    r.oid.copy(out, names + k * 20);
    out.writeUInt32BE(r.crc >>> 0, names + n * 20 + k * 4);
    out.writeUInt32BE(r.offset, names + n * 24 + k * 4);
  });
  packChecksum.copy(out, names + n * 28);
  return Buffer.concat([out, createHash('sha1').update(out).digest()]);
};

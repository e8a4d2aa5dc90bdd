/** Zlib streams of stored (uncompressed) blocks: written for speed, read back without zlib. */

const adler32 = (bytes: Uint8Array): number => {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    // 5552 bytes is the most that can be summed before the sums must be reduced.
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
};

/**
 * A zlib stream of stored (uncompressed) blocks. Creating a compressor costs tens of
 * microseconds, more than compressing a statement file: for packs of thousands of small objects,
 * storing them makes writing the pack ten times faster, for a pack about twice the size.
 */
export const zlibStored = (bytes: Buffer): Buffer => {
  const out = Buffer.alloc(storedLength(bytes.length));
  writeStored(bytes, out, 0);
  return out;
};

export const storedLength = (size: number): number =>
  2 + Math.max(1, Math.ceil(size / 65535)) * 5 + size + 4;

/** Writes the stored stream of `bytes` into `out` at `at`; returns its length. */
export const writeStored = (bytes: Buffer, out: Buffer, at: number): number => {
  const start = at;
  const blocks = Math.max(1, Math.ceil(bytes.length / 65535));
  out[at++] = 0x78;
  out[at++] = 0x01;
  for (let k = 0; k < blocks; k++) {
    const from = k * 65535;
    const length = Math.min(65535, bytes.length - from);
    out[at] = k === blocks - 1 ? 1 : 0;
    out.writeUInt16LE(length, at + 1);
    out.writeUInt16LE(~length & 0xffff, at + 3);
    bytes.copy(out, at + 5, from, from + length);
    at += 5 + length;
  }
  out.writeUInt32BE(adler32(bytes), at);
  return at + 4 - start;
};

/** Reads a zlib stream of stored blocks (as zlibStored writes); undefined for any other stream. */
export const readStored = (
  data: Buffer,
  at: number,
): { bytes: Buffer; used: number } | undefined => {
  if (data[at] !== 0x78 || data[at + 1] !== 0x01) return undefined;
  const parts: Buffer[] = [];
  let i = at + 2;
  for (;;) {
    const flags = data[i];
    if (flags === undefined || (flags & 0xfe) !== 0 || i + 5 > data.length) return undefined;
    const length = data.readUInt16LE(i + 1);
    if ((data.readUInt16LE(i + 3) ^ 0xffff) !== length || i + 5 + length > data.length)
      return undefined;
    parts.push(data.subarray(i + 5, i + 5 + length));
    i += 5 + length;
    if (flags === 1) break;
  }
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (i + 4 > data.length || data.readUInt32BE(i) !== adler32(bytes)) return undefined;
  return { bytes, used: i + 4 - at };
};

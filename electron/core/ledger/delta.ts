/** Git deltas: an object written as copies from a base and inserted bytes. */
import { StewardError } from '../../../shared/errors';
import { MAX_OBJECT_BYTES } from './limits';

export const badDelta = (detail: string): StewardError =>
  new StewardError('corrupt', `a damaged git object: ${detail}`);

/** A delta's two sizes: of the base it applies to, and of the object it makes. */
export const deltaSizes = (delta: Buffer): { base: number; result: number; at: number } => {
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
    } while (byte & 0x80 && shift < 64);
    return value;
  };
  const base = varint();
  const result = varint();
  return { base, result, at: i };
};

/**
 * Applies a git delta to its base; throws `corrupt` on a delta that does not fit its base, or
 * that would make an object over `limit` bytes (checked before anything is allocated).
 */
export const applyDelta = (base: Buffer, delta: Buffer, limit = MAX_OBJECT_BYTES): Buffer => {
  const sizes = deltaSizes(delta);
  let i = sizes.at;
  if (sizes.base !== base.length) throw badDelta('a delta does not match its base');
  const size = sizes.result;
  if (size > limit) throw badDelta(`a delta makes an object of ${size} bytes, over ${limit}`);
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

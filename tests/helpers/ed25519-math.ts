/**
 * Ed25519 arithmetic on BigInts, written from RFC 8032 alone, to check the strict rules against
 * something that does not share their tables: the small-order points are found on the curve, not
 * copied from a list.
 */
import { createHash, randomBytes } from 'node:crypto';

export const P = 2n ** 255n - 19n;
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const mod = (a: bigint, m = P): bigint => ((a % m) + m) % m;
const pow = (base: bigint, exp: bigint, m = P): bigint => {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
};
const inv = (a: bigint): bigint => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

export type Point = { x: bigint; y: bigint };
export const IDENTITY: Point = { x: 0n, y: 1n };

export const add = (a: Point, b: Point): Point => {
  const t = mod(D * a.x * b.x * a.y * b.y);
  return {
    x: mod((a.x * b.y + a.y * b.x) * inv(1n + t)),
    y: mod((a.y * b.y + a.x * b.x) * inv(1n - t)),
  };
};

export const mul = (point: Point, n: bigint): Point => {
  let result = IDENTITY;
  let q = point;
  for (let k = n; k > 0n; k >>= 1n) {
    if (k & 1n) result = add(result, q);
    q = add(q, q);
  }
  return result;
};

const isIdentity = (p: Point): boolean => p.x === 0n && p.y === 1n;

const littleEndian = (bytes: Uint8Array): bigint => {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
};

/** The 32-byte encoding of y (which may be ≥ p, to build non-canonical ones) and x's low bit. */
export const encode = (p: Point): Uint8Array => {
  const out = new Uint8Array(32);
  let y = p.y;
  for (let i = 0; i < 32; i++, y >>= 8n) out[i] = Number(y & 255n);
  if (p.x & 1n) out[31]! |= 0x80;
  return out;
};

/**
 * Decodes as RFC 8032 §5.1.3 does. `lenient` also takes what the RFC rejects and OpenSSL reads: y
 * at or above p (taken mod p), and x = 0 with the sign bit set.
 */
export const decode = (bytes: Uint8Array, o: { lenient: boolean }): Point | undefined => {
  const sign = bytes[31]! >> 7;
  const raw = littleEndian(bytes) & ((1n << 255n) - 1n);
  if (raw >= P && !o.lenient) return undefined;
  const y = mod(raw);
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = pow(mod(u * inv(v)), (P + 3n) / 8n);
  if (mod(v * x * x) !== u) x = mod(x * SQRT_M1);
  if (mod(v * x * x) !== u) return undefined;
  if (x === 0n && sign === 1 && !o.lenient) return undefined;
  if (Number(x & 1n) !== sign) x = mod(-x);
  return { x, y };
};

export type SmallOrder = { point: Point; order: number; encoding: Uint8Array };

/**
 * The eight points of order dividing 8: [L]Q is in the torsion subgroup for any point Q; one of
 * order 8 generates all eight.
 */
export const smallOrderPoints = (): SmallOrder[] => {
  for (;;) {
    const q = decode(randomBytes(32), { lenient: false });
    if (!q) continue;
    const t = mul(q, L);
    if (isIdentity(mul(t, 4n))) continue;
    return [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].map((i) => {
      const point = mul(t, i);
      const order = [1, 2, 4, 8].find((n) => isIdentity(mul(point, BigInt(n))))!;
      return { point, order, encoding: encode(point) };
    });
  }
};

/** Other encodings of the same point: y + p where it fits in 255 bits, and x = 0 signed. */
export const twinsOf = (t: SmallOrder): Uint8Array[] => {
  const ys = [t.point.y, t.point.y + P].filter((y) => y < 2n ** 255n);
  const signs = t.point.x === 0n ? [0n, 1n] : [t.point.x];
  return ys
    .flatMap((y) => signs.map((x) => encode({ x, y })))
    .filter((e) => Buffer.compare(e, t.encoding) !== 0);
};

/** The secret scalar of a private seed (RFC 8032 §5.1.5). */
export const scalarOf = (seed: Uint8Array): bigint => {
  const h = createHash('sha512').update(seed).digest().subarray(0, 32);
  h[0]! &= 248;
  h[31]! &= 127;
  h[31]! |= 64;
  return littleEndian(h);
};

/** k = SHA-512(R || A || M) mod L. */
export const challenge = (r: Uint8Array, a: Uint8Array, message: Uint8Array): bigint =>
  mod(littleEndian(createHash('sha512').update(r).update(a).update(message).digest()), L);

export const scalarBytes = (n: bigint): Uint8Array => encode({ x: 0n, y: n });

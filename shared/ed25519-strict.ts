/**
 * The byte-level rules that make Ed25519 strict, checked before the curve equation is: a public
 * key or a signature's R must be a canonical encoding of a point that is not of small order, and a
 * signature's S must be a canonical scalar. Plain RFC 8032 verification (node:crypto's included)
 * accepts a small-order public key, and under such a key anyone can sign anything: R = identity
 * and S = 0 satisfy the equation for one message in 8 or fewer, so a few tries of a date suffice.
 * The rules are libsodium's (`ge25519_is_canonical`, `ge25519_has_small_order`,
 * `sc25519_is_canonical`); ed25519-dalek's `verify_strict` refuses the same signatures.
 */
import { fromBase64Url, fromHex } from './encoding';

/**
 * The small-order points' y coordinates, little-endian, without the sign bit: 0 (order 4), 1 (the
 * identity), the two y of the order-8 points, p − 1 (order 2), and the non-canonical p and p + 1
 * (which are 0 and 1 again). Ignoring the sign bit also covers the non-canonical "x = 0 with the
 * sign bit set": x is 0 only for y = 1 and y = p − 1.
 */
const smallOrderY = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map(fromHex);

/** L, the order of the base point, little-endian. */
const order = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

/** Whether y (the low 255 bits) is at least p = 2^255 − 19: a second encoding of y − p. */
const yNonCanonical = (point: Uint8Array): boolean => {
  if ((point[31]! & 0x7f) !== 0x7f || point[0]! < 0xed) return false;
  for (let i = 1; i < 31; i++) if (point[i] !== 0xff) return false;
  return true;
};

const hasSmallOrderY = (point: Uint8Array): boolean =>
  smallOrderY.some((y) => {
    for (let i = 0; i < 31; i++) if (point[i] !== y[i]) return false;
    return (point[31]! & 0x7f) === y[31];
  });

/** Why 32 bytes cannot be a point that signs (a key) or commits (an R); undefined if they can. */
export const weakPointProblem = (point: Uint8Array): string | undefined => {
  if (point.length !== 32) return `${point.length} bytes, not 32`;
  if (hasSmallOrderY(point)) return 'a point of small order';
  if (yNonCanonical(point)) return 'a non-canonical encoding (y is not below 2^255 - 19)';
  return undefined;
};

/** Why a base64url public key must be refused; undefined for a key that can be a member's. */
export const weakKeyProblem = (key: string): string | undefined => {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(key);
  } catch (error) {
    if (error instanceof Error) return 'not base64url';
    throw error;
  }
  const why = weakPointProblem(bytes);
  return why && `not an Ed25519 public key anyone could hold the secret of: ${why}`;
};

/** Whether S, little-endian, is below L. */
const canonicalScalar = (s: Uint8Array): boolean => {
  for (let i = 31; i >= 0; i--) {
    if (s[i]! < order[i]!) return true;
    if (s[i]! > order[i]!) return false;
  }
  return false;
};

/**
 * Why a signature must be refused whatever the curve says: a weak key, a weak or non-canonical R,
 * or S not below L. Undefined when the curve equation decides.
 */
export const strictSignatureProblem = (
  publicKey: Uint8Array,
  signature: Uint8Array,
): string | undefined => {
  if (signature.length !== 64) return `the signature has ${signature.length} bytes, not 64`;
  const key = weakPointProblem(publicKey);
  if (key) return `the public key is ${key}`;
  const r = weakPointProblem(signature.subarray(0, 32));
  if (r) return `R is ${r}`;
  if (!canonicalScalar(signature.subarray(32))) return 'S is not below the group order';
  return undefined;
};

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toBase64Url, toHex } from '../../../shared/encoding';
import {
  strictSignatureProblem,
  weakKeyProblem,
  weakPointProblem,
} from '../../../shared/ed25519-strict';
import { generateKeyPair } from '../../../electron/core/crypto';
import {
  decode,
  encode,
  L,
  mul,
  P,
  scalarBytes,
  smallOrderPoints,
  twinsOf,
} from '../../helpers/ed25519-math';

describe('ed25519-strict', () => {
  const points = smallOrderPoints();

  it('finds the eight small-order points by curve arithmetic, independently of the blacklist', () => {
    // [8]T is the identity for each, and the orders are 1, 2, 4, 4 and four of 8.
    expect(points).toHaveLength(8);
    expect(points.map((t) => t.order).sort()).toEqual([1, 2, 4, 4, 8, 8, 8, 8]);
    expect(new Set(points.map((t) => toHex(t.encoding))).size).toBe(8);
    // The point the security report names is one of them.
    expect(points.map((t) => toBase64Url(t.encoding))).toContain(
      'xxdqcD1N2E-6PAt2DRBnDyogU_osOczGTsf9d5KsA3o',
    );
  });

  it('refuses each small-order encoding as a key and as R', () => {
    for (const t of points) {
      expect(weakPointProblem(t.encoding), toHex(t.encoding)).toBe('a point of small order');
      expect(weakKeyProblem(toBase64Url(t.encoding))).toMatch(/small order/);
    }
  });

  it('refuses their non-canonical twins: y + p, and x = 0 with the sign bit set', () => {
    const twins = points.flatMap((t) => twinsOf(t));
    // y + p fits in 255 bits for y = 0 and 1 (both signs: 4), and x = 0 for y = 1 and p − 1 (2).
    expect(twins).toHaveLength(6);
    for (const twin of twins) {
      // Each twin decodes (leniently) to a small-order point: it is the same point again.
      expect(decode(twin, { lenient: true }), toHex(twin)).toBeDefined();
      expect(weakPointProblem(twin), toHex(twin)).toBeDefined();
    }
  });

  it('refuses every y at or above p, small order or not', () => {
    for (let extra = 0n; extra < 19n; extra++) {
      for (const sign of [0, 1]) {
        const bytes = encode({ x: BigInt(sign), y: P + extra });
        expect(weakPointProblem(bytes), `y = p + ${extra}`).toBeDefined();
      }
    }
  });

  it('accepts honest keys, and random canonical points that are not of small order', () => {
    for (let i = 0; i < 200; i++) {
      expect(weakKeyProblem(generateKeyPair().publicKey)).toBeUndefined();
    }
    let tried = 0;
    while (tried < 200) {
      const bytes = randomBytes(32);
      const point = decode(bytes, { lenient: false });
      if (!point) continue;
      tried++;
      const small = mul(point, 8n).x === 0n && mul(point, 8n).y === 1n;
      expect(weakPointProblem(bytes) !== undefined, toHex(bytes)).toBe(small);
    }
  });

  it('refuses a signature whose S is not below L, and accepts one just below', () => {
    const key = generateKeyPair().publicKey;
    const pk = Buffer.from(key, 'base64url');
    const r = Buffer.from(generateKeyPair().publicKey, 'base64url');
    const s = scalarBytes;
    expect(strictSignatureProblem(pk, Buffer.concat([r, s(L - 1n)]))).toBeUndefined();
    expect(strictSignatureProblem(pk, Buffer.concat([r, s(L)]))).toMatch(/S is not below/);
    expect(strictSignatureProblem(pk, Buffer.concat([r, s(L + 5n)]))).toMatch(/S is not below/);
    expect(strictSignatureProblem(pk, Buffer.concat([r, s(2n ** 255n - 1n)]))).toMatch(/S is not/);
    expect(strictSignatureProblem(pk, Buffer.alloc(63))).toMatch(/63 bytes/);
  });

  it('says which part of a signature is weak', () => {
    const honest = Buffer.from(generateKeyPair().publicKey, 'base64url');
    const weak = points[0]!.encoding;
    const zero = Buffer.alloc(32);
    expect(strictSignatureProblem(weak, Buffer.concat([honest, zero]))).toMatch(/^the public key/);
    expect(strictSignatureProblem(honest, Buffer.concat([weak, zero]))).toMatch(/^R is/);
  });
});

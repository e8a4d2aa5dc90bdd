/** Ed25519 and SHA-256 from node:crypto, in the shape the shared format code expects. */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import type { CryptoProvider } from '../../shared/format/check';
import { toBase64Url } from '../../shared/encoding';
import { strictSignatureProblem } from '../../shared/ed25519-strict';

const publicKeys = new Map<string, KeyObject>();

const publicKeyObject = (raw: Uint8Array): KeyObject => {
  const x = toBase64Url(raw);
  let key = publicKeys.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(x, key);
  }
  return key;
};

/**
 * Strict Ed25519: node:crypto checks the curve equation only, and accepts a small-order key (under
 * which anyone can sign), a small-order R and non-canonical encodings; those are refused first.
 */
export const nodeCrypto: CryptoProvider = {
  sha256: (bytes) => createHash('sha256').update(bytes).digest(),
  verify: (publicKey, message, signature) => {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    if (strictSignatureProblem(publicKey, signature)) return false;
    try {
      return edVerify(null, message, publicKeyObject(publicKey), signature);
    } catch (error) {
      // A malformed key point is an invalid signature, not a crash.
      if (error instanceof Error) return false;
      throw error;
    }
  },
};

export type KeyPair = { publicKey: string; seed: Uint8Array };

/** A fresh Ed25519 key: the public key as base64url, the 32-byte private seed. */
export const generateKeyPair = (): KeyPair => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'jwk' });
  const priv = privateKey.export({ format: 'jwk' });
  return { publicKey: pub.x!, seed: Buffer.from(priv.d!, 'base64url') };
};

/** Signs with a private seed; returns the signature as base64url. */
export const signWithSeed = (seed: Uint8Array, publicKey: string, message: Uint8Array): string => {
  const key = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKey, d: Buffer.from(seed).toString('base64url') },
    format: 'jwk',
  });
  return toBase64Url(edSign(null, message, key));
};

/** Whether a private seed is the one behind a public key: a file could pair any two. */
export const seedMatches = (seed: Uint8Array, publicKey: string): boolean => {
  const probe = Buffer.from('steward: does this seed belong to this key?');
  try {
    const signature = Buffer.from(signWithSeed(seed, publicKey, probe), 'base64url');
    return nodeCrypto.verify(Buffer.from(publicKey, 'base64url'), probe, signature);
  } catch (error) {
    if (error instanceof Error) return false;
    throw error;
  }
};

/**
 * A private key sealed with a passphrase: scrypt derives a key, AES-256-GCM encrypts the seed,
 * and the public key is authenticated data, so a sealed secret cannot be moved to another identity.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { StewardError } from '../../../shared/errors';

export type Sealed = {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
};

const N = 1 << 15;
const r = 8;
const p = 1;

const derive = (passphrase: string, salt: Buffer, params: Pick<Sealed, 'N' | 'r' | 'p'>): Buffer =>
  scryptSync(passphrase.normalize('NFC'), salt, 32, {
    ...params,
    maxmem: 128 * params.N * params.r * 2,
  });

export const seal = (seed: Uint8Array, passphrase: string, publicKey: string): Sealed => {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(passphrase, salt, { N, r, p }), iv);
  cipher.setAAD(Buffer.from(publicKey));
  const data = Buffer.concat([cipher.update(seed), cipher.final()]);
  return {
    kdf: 'scrypt',
    N,
    r,
    p,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
};

const bytesOf = (text: unknown): number =>
  typeof text === 'string' ? Buffer.from(text, 'base64').length : -1;

/**
 * Whether the sealing is one Steward writes. An identity file may come from someone else (a room
 * participant), and scrypt's cost is in the file: anything but the settings `seal` uses could
 * hold the process for minutes or exhaust its memory.
 */
const isOurs = (sealed: Sealed): boolean =>
  typeof sealed === 'object' &&
  sealed !== null &&
  sealed.kdf === 'scrypt' &&
  sealed.cipher === 'aes-256-gcm' &&
  sealed.N === N &&
  sealed.r === r &&
  sealed.p === p &&
  bytesOf(sealed.salt) === 16 &&
  bytesOf(sealed.iv) === 12 &&
  bytesOf(sealed.tag) === 16 &&
  bytesOf(sealed.data) === 32;

export const unseal = (sealed: Sealed, passphrase: string, publicKey: string): Uint8Array => {
  if (!isOurs(sealed)) {
    throw new StewardError('invalid-argument', 'the identity file uses an unknown encryption');
  }
  const key = derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(publicKey));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch (error) {
    if (error instanceof Error)
      throw new StewardError(
        'wrong-passphrase',
        'wrong passphrase: the identity could not be unlocked',
      );
    throw error;
  }
};

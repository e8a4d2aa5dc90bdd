/**
 * A private key sealed with a passphrase: scrypt derives a key, AES-256-GCM encrypts the seed,
 * and the public key is authenticated data, so a sealed secret cannot be moved to another identity.
 *
 * scrypt runs off the event loop (Node's thread pool), a few at a time: a server unlocking
 * identities for a room keeps answering everyone else while it derives, and a flood of attempts
 * waits its turn instead of taking every thread (file reads share them) or 32 MiB each at once.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
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

/** How many derivations run at once; the rest wait, first come first served. */
const LANES = 2;
let running = 0;
const queue: (() => void)[] = [];

const turn = async <T>(work: () => Promise<T>): Promise<T> => {
  if (running >= LANES) await new Promise<void>((resolve) => queue.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The lane passes to the next in line, or is freed.
    const next = queue.shift();
    if (next) next();
    else running--;
  }
};

const derive = (
  passphrase: string,
  salt: Buffer,
  params: Pick<Sealed, 'N' | 'r' | 'p'>,
): Promise<Buffer> =>
  turn(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(
          passphrase.normalize('NFC'),
          salt,
          32,
          { ...params, maxmem: 128 * params.N * params.r * 2 },
          (error, key) => (error ? reject(error) : resolve(key)),
        ),
      ),
  );

export const seal = async (
  seed: Uint8Array,
  passphrase: string,
  publicKey: string,
): Promise<Sealed> => {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await derive(passphrase, salt, { N, r, p }), iv);
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

export const unseal = async (
  sealed: Sealed,
  passphrase: string,
  publicKey: string,
): Promise<Uint8Array> => {
  if (!isOurs(sealed)) {
    throw new StewardError('invalid-argument', 'the identity file uses an unknown encryption');
  }
  const key = await derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
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

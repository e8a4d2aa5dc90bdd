/**
 * A sealed key is opened off the event loop: the process keeps turning while scrypt derives, so a
 * server unlocking identities for a room goes on answering everyone else.
 */
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../electron/core/crypto';
import { seal, unseal } from '../../../electron/core/identity/sealed';

/** How many turns of the event loop pass while `work` runs. */
const turnsDuring = async (work: Promise<unknown>): Promise<number> => {
  let turns = 0;
  let done = false;
  const tick = (): void => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work;
  } finally {
    done = true;
  }
  return turns;
};

describe('sealed keys', () => {
  it('opens with the passphrase it was sealed with, and no other', async () => {
    const pair = generateKeyPair();
    const sealed = await seal(pair.seed, 'a long passphrase', pair.publicKey);
    expect(Buffer.from(await unseal(sealed, 'a long passphrase', pair.publicKey))).toEqual(
      Buffer.from(pair.seed),
    );
    await expect(unseal(sealed, 'not the passphrase', pair.publicKey)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await expect(unseal(sealed, 'a long passphrase', 'another key')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
  });

  it('lets the event loop turn while wrong passphrases are tried one after another', async () => {
    const pair = generateKeyPair();
    const sealed = await seal(pair.seed, 'a long passphrase', pair.publicKey);
    const attempts = Array.from({ length: 6 }, (_, i) =>
      unseal(sealed, `wrong ${i}`, pair.publicKey).then(
        () => 'opened',
        (error: { code: string }) => error.code,
      ),
    );
    // Each derivation takes many turns of the loop: a synchronous scrypt would take none.
    expect(await turnsDuring(Promise.all(attempts))).toBeGreaterThan(6);
    expect(await Promise.all(attempts)).toEqual(Array(6).fill('wrong-passphrase'));
  });
});

/**
 * The desktop app remembering this machine's passphrase in the system keychain: offered only
 * where the system can encrypt, never written in the clear, used once at start, never again after
 * a lock, forgotten on request or when it no longer opens the key, and never offered to a browser.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/api-types';
import { Api, type ApiSession } from '../../electron/core/api/api';
import { Workspace } from '../../electron/core/api/workspace';
import { Keystore } from '../../electron/core/identity/keystore';
import { passphraseMemory, type SystemCipher } from '../../electron/core/identity/remembered';
import { tempDir } from '../helpers/cli';

const PASSPHRASE = 'correct horse battery staple';

/** A keychain stand-in: AES-256-GCM under a key only this "user" holds. */
const keychain = (available = true): SystemCipher => {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString: (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
};

const machine = async () => {
  const home = tempDir('steward-remember-');
  await new Keystore(home).create('Alice', PASSPHRASE, new Date());
  return home;
};

/** The app started anew: a fresh Api and the window's own session. */
const start = (
  home: string,
  cipher?: SystemCipher,
  transport: 'electron' | 'http' = 'electron',
) => {
  const api = new Api({
    workspace: new Workspace(home),
    transport,
    version: '1',
    ...(cipher && { passphrases: passphraseMemory(home, cipher) }),
  });
  const session: ApiSession = { id: 'window', admitted: true, host: true };
  const call = (channel: string, arg: unknown = {}) =>
    api.invoke(channel, arg, session) as Promise<SessionView>;
  return { api, session, call };
};

const file = (home: string) => join(home, 'remembered-passphrase.bin');

describe('a remembered passphrase', () => {
  it('is kept encrypted, unlocks once at the next start, and not after a lock', async () => {
    const home = await machine();
    const cipher = keychain();
    const first = start(home, cipher);
    expect(await first.call('session:get')).toMatchObject({
      passphrase: { canRemember: true, remembered: false },
    });
    const unlocked = await first.call('session:unlock', { passphrase: PASSPHRASE, remember: true });
    expect(unlocked).toMatchObject({
      identity: { name: 'Alice' },
      passphrase: { remembered: true },
    });
    const stored = readFileSync(file(home));
    expect(stored.toString('latin1')).not.toContain(PASSPHRASE);
    expect(stored.toString('latin1')).not.toContain('horse');

    const second = start(home, cipher);
    expect((await second.call('session:get')).identity?.name).toBe('Alice');
    await second.call('session:lock');
    expect((await second.call('session:get')).identity).toBeUndefined();

    // Unticked at the next unlock: forgotten.
    await second.call('session:unlock', { passphrase: PASSPHRASE, remember: false });
    expect(existsSync(file(home))).toBe(false);
    expect((await start(home, cipher).call('session:get')).identity).toBeUndefined();
  });

  it('is forgotten on request, and when it no longer opens the key', async () => {
    const home = await machine();
    const cipher = keychain();
    const app = start(home, cipher);
    await app.call('session:unlock', { passphrase: PASSPHRASE, remember: true });
    expect(await app.call('session:forget')).toMatchObject({ passphrase: { remembered: false } });
    expect(existsSync(file(home))).toBe(false);

    // The passphrase changed elsewhere: the remembered one fails once, then is gone.
    await passphraseMemory(home, cipher).save('an old passphrase');
    const next = start(home, cipher);
    const view = await next.call('session:get');
    expect(view.identity).toBeUndefined();
    expect(view.passphrase).toEqual({ canRemember: true, remembered: false });
    expect(existsSync(file(home))).toBe(false);

    // Another user's keychain cannot read it: nothing unlocks, nothing breaks.
    await start(home, cipher).call('session:unlock', { passphrase: PASSPHRASE, remember: true });
    expect((await start(home, keychain()).call('session:get')).identity).toBeUndefined();
  });

  it('is not offered where the system cannot encrypt, nor to a browser, nor to a participant', async () => {
    const home = await machine();
    const plain = start(home, keychain(false));
    expect((await plain.call('session:get')).passphrase).toEqual({
      canRemember: false,
      remembered: false,
    });
    await plain.call('session:unlock', { passphrase: PASSPHRASE, remember: true });
    expect(existsSync(file(home))).toBe(false);

    const browser = start(home, undefined, 'http');
    expect((await browser.call('session:get')).passphrase).toBeUndefined();
    await browser.call('session:unlock', { passphrase: PASSPHRASE, remember: true });
    expect(existsSync(file(home))).toBe(false);

    const api = new Api({
      workspace: new Workspace(home),
      transport: 'http',
      version: '1',
      passphrases: passphraseMemory(home, keychain()),
    });
    const participant: ApiSession = { id: 'p', admitted: true, host: false };
    await expect(api.invoke('session:forget', {}, participant)).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(
      ((await api.invoke('session:get', {}, participant)) as SessionView).passphrase,
    ).toBeUndefined();
  });
});

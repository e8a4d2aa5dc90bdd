/**
 * A passphrase remembered on this computer, for the desktop app: encrypted by the operating
 * system's keychain (Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the secret
 * service on Linux) and kept beside the identity. Only where the system can encrypt is it offered
 * at all: a passphrase is never written in the clear. Deleting the file loses nothing but the
 * convenience.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What encrypts for this user of this computer (Electron's safeStorage has this shape). */
export type SystemCipher = {
  isEncryptionAvailable: () => boolean;
  encryptString: (text: string) => Buffer;
  decryptString: (data: Buffer) => string;
};

export type PassphraseMemory = {
  /** Whether the system can keep it encrypted here. */
  available: () => boolean;
  save: (passphrase: string) => Promise<void>;
  /** The passphrase, if one is remembered and can still be decrypted. */
  load: () => Promise<string | undefined>;
  remembered: () => Promise<boolean>;
  forget: () => Promise<void>;
};

const FILE = 'remembered-passphrase.bin';

export const passphraseMemory = (home: string, cipher: SystemCipher): PassphraseMemory => {
  const path = join(home, FILE);
  const available = (): boolean => {
    try {
      return cipher.isEncryptionAvailable();
    } catch {
      return false;
    }
  };
  const read = (): Promise<Buffer | undefined> =>
    readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  return {
    available,
    save: async (passphrase) => {
      if (!available()) return;
      const tmp = `${path}.tmp`;
      await writeFile(tmp, cipher.encryptString(passphrase), { mode: 0o600 });
      await rename(tmp, path);
    },
    load: async () => {
      const data = await read();
      if (data === undefined || !available()) return undefined;
      try {
        return cipher.decryptString(data);
      } catch {
        // Another user's or another machine's keychain: useless here.
        return undefined;
      }
    },
    remembered: async () => (await read()) !== undefined,
    forget: () => rm(path, { force: true }),
  };
};

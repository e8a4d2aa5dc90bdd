/**
 * The member's identity on this machine: one Ed25519 key, sealed at rest in
 * `<STEWARD_HOME>/identity.json`. The private key is only ever in memory, inside a Signer.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { memberIdOf } from '../../../shared/format/check';
import { weakKeyProblem } from '../../../shared/ed25519-strict';
import { generateKeyPair, nodeCrypto, seedMatches, signWithSeed, type KeyPair } from '../crypto';
import { seal, unseal, type Sealed } from './sealed';

export type Identity = { id: string; name: string; publicKey: string };

export type Signer = Identity & { sign: (message: Uint8Array) => string };

type IdentityFile = Identity & {
  version: 1;
  created: string;
  sealed: Sealed;
  retiredKeys: { publicKey: string; until: string }[];
};

const FILE = 'identity.json';

export class Keystore {
  constructor(readonly home: string) {}

  private get path(): string {
    return join(this.home, FILE);
  }

  private async read(): Promise<IdentityFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StewardError(
          'no-identity',
          `no identity in ${this.home}: run \`steward identity create --name NAME\``,
        );
      }
      throw error;
    }
    try {
      return JSON.parse(text) as IdentityFile;
    } catch {
      throw new StewardError(
        'invalid-argument',
        `the identity file ${this.path} is not valid JSON`,
      );
    }
  }

  private async write(file: IdentityFile): Promise<void> {
    await mkdir(this.home, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.path);
  }

  async exists(): Promise<boolean> {
    try {
      await this.read();
      return true;
    } catch (error) {
      if (error instanceof StewardError && error.code === 'no-identity') return false;
      throw error;
    }
  }

  async create(name: string, passphrase: string, now: Date): Promise<Identity> {
    if (!name.trim()) throw new StewardError('invalid-argument', 'a name is required');
    if (passphrase.length < 8)
      throw new StewardError('invalid-argument', 'the passphrase must have at least 8 characters');
    if (await this.exists())
      throw new StewardError('identity-exists', `an identity already exists in ${this.home}`);
    const pair = generateKeyPair();
    const identity = {
      id: memberIdOf(nodeCrypto, pair.publicKey),
      name: name.trim(),
      publicKey: pair.publicKey,
    };
    await this.write({
      version: 1,
      ...identity,
      created: now.toISOString(),
      sealed: await seal(pair.seed, passphrase, pair.publicKey),
      retiredKeys: [],
    });
    return identity;
  }

  /**
   * Takes an identity file from another machine as this machine's identity. The caller has
   * unlocked it (`unlockIdentityFile`) to prove the file and passphrase; an identity here stays.
   */
  async adopt(text: string): Promise<Identity> {
    if (await this.exists())
      throw new StewardError('identity-exists', `an identity already exists in ${this.home}`);
    const file = JSON.parse(text) as IdentityFile;
    await this.write(file);
    return { id: file.id, name: file.name, publicKey: file.publicKey };
  }

  async show(): Promise<Identity> {
    const { id, name, publicKey } = await this.read();
    return { id, name, publicKey };
  }

  async unlock(passphrase: string): Promise<Signer> {
    return unlockFile(await this.read(), passphrase);
  }

  /**
   * Finishes a rotation that was published but not put in place (the process stopped between the
   * two): when the group knows this member by `groupKey` and a pending identity file holds that
   * key, it becomes the identity. Returns whether it did.
   */
  async hasPending(): Promise<boolean> {
    try {
      return (await readdir(this.home)).some((n) => n.startsWith('identity.pending-'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async adoptPending(groupKey: string): Promise<boolean> {
    const pending = join(this.home, `identity.pending-${groupKey.slice(0, 8)}.json`);
    let file: IdentityFile;
    try {
      file = JSON.parse(await readFile(pending, 'utf8')) as IdentityFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    if (file.publicKey !== groupKey || file.id !== (await this.read()).id) return false;
    await rename(pending, this.path);
    return true;
  }

  /**
   * Replaces the key: `publish` receives a signer for the old key and the new public key, and must
   * durably record the rotation (in the ledger) before the new key is put in place here.
   */
  async rotate(
    passphrase: string,
    now: Date,
    publish: (old: Signer, newKey: string) => Promise<void>,
  ): Promise<Identity> {
    const file = await this.read();
    const old = signerOf(file, {
      publicKey: file.publicKey,
      seed: await unseal(file.sealed, passphrase, file.publicKey),
    });
    const next = generateKeyPair();
    const pending = join(this.home, `identity.pending-${next.publicKey.slice(0, 8)}.json`);
    const updated: IdentityFile = {
      ...file,
      publicKey: next.publicKey,
      sealed: await seal(next.seed, passphrase, next.publicKey),
      retiredKeys: [...file.retiredKeys, { publicKey: file.publicKey, until: now.toISOString() }],
    };
    // The new key is sealed on disk before the rotation is published, so it is never lost.
    await writeFile(pending, JSON.stringify(updated, null, 2) + '\n', { mode: 0o600 });
    await publish(old, next.publicKey);
    await rename(pending, this.path);
    return { id: file.id, name: file.name, publicKey: next.publicKey };
  }
}

const signerOf = (identity: Identity, pair: KeyPair): Signer => ({
  id: identity.id,
  name: identity.name,
  publicKey: pair.publicKey,
  sign: (message) => signWithSeed(pair.seed, pair.publicKey, message),
});

const unlockFile = async (file: IdentityFile, passphrase: string): Promise<Signer> => {
  const seed = await unseal(file.sealed, passphrase, file.publicKey);
  // Whoever wrote the file chose the public key it names: the seed must be that key's.
  if (!seedMatches(seed, file.publicKey))
    throw new StewardError(
      'invalid-argument',
      'that identity file holds another key than it names',
    );
  return signerOf(file, { publicKey: file.publicKey, seed });
};

/**
 * Unlocks an identity file's text brought from elsewhere (a participant's own machine): the key is
 * unsealed into memory here and nowhere written.
 */
export const unlockIdentityFile = async (text: string, passphrase: string): Promise<Signer> => {
  let file: IdentityFile;
  try {
    file = JSON.parse(text) as IdentityFile;
  } catch {
    throw new StewardError('invalid-argument', 'that identity file is not valid JSON');
  }
  if (
    typeof file !== 'object' ||
    file === null ||
    file.version !== 1 ||
    typeof file.publicKey !== 'string' ||
    typeof file.name !== 'string' ||
    typeof file.sealed !== 'object' ||
    file.sealed === null
  )
    throw new StewardError('invalid-argument', 'that is not a Steward identity file');
  // A small-order key is one anyone can sign for: no group may come to know it as a member's.
  const weak = weakKeyProblem(file.publicKey);
  if (weak) throw new StewardError('invalid-argument', `that identity file's key is ${weak}`);
  const signer = await unlockFile(file, passphrase);
  if (signer.id !== memberIdOf(nodeCrypto, signer.publicKey))
    throw new StewardError(
      'invalid-argument',
      'that identity file names another key than it holds',
    );
  return signer;
};

/** Key rotation: a statement signed with the old key names the new one; later statements use it. */
import { weakKeyProblem } from '../../../shared/ed25519-strict';
import { StewardError } from '../../../shared/errors';
import type { KeyRotationStatement } from '../../../shared/format/types';
import type { Identity, Keystore, Signer } from '../identity/keystore';
import type { Ledger } from '../ledger/ledger';
import { iso, loadAsMember } from './context';
import { signStatement } from './sign';

/** Appends the rotation statement, signed with the old key, naming the new key. */
export const publishRotation = async (
  ledger: Ledger,
  old: Signer,
  newKey: string,
  now: Date,
): Promise<string> => {
  const weak = weakKeyProblem(newKey);
  if (weak) throw new StewardError('invalid-argument', `the new key ${newKey} is ${weak}`);
  const { group, head } = await loadAsMember({ ledger, signer: old, now });
  const statement: KeyRotationStatement = {
    format: 'steward/1',
    type: 'key-rotation',
    group,
    author: old.id,
    created: iso(now),
    key: newKey,
    basis: head!,
  };
  const { envelope, id } = signStatement(statement, [old]);
  await ledger.append(envelope, id, `rotate the key of ${old.name}`, old);
  return id;
};

export const rotateKey = async (
  ledger: Ledger,
  keystore: Keystore,
  passphrase: string,
  now: Date,
): Promise<Identity & { rotation: string }> => {
  let rotation = '';
  const identity = await keystore.rotate(passphrase, now, async (old, newKey) => {
    rotation = await publishRotation(ledger, old, newKey, now);
  });
  return { ...identity, rotation };
};

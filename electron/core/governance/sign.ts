/** Signs statements: the envelope, its id, and the commit message people read in `git log`. */
import { toHex } from '../../../shared/encoding';
import { StewardError } from '../../../shared/errors';
import { loneSurrogateAt } from '../../../shared/format/i-json';
import { signingBytes } from '../../../shared/format/envelope';
import type { Envelope, Statement } from '../../../shared/format/types';
import { nodeCrypto } from '../crypto';
import type { Signer } from '../identity/keystore';

export const statementId = (statement: Statement): string =>
  toHex(nodeCrypto.sha256(signingBytes(statement)));

export const signStatement = (
  statement: Statement,
  signers: Signer[],
): { envelope: Envelope; id: string } => {
  // Every verifier would quarantine it (not-i-json): refuse to sign it at all.
  const surrogate = loneSurrogateAt(statement);
  if (surrogate !== undefined)
    throw new StewardError(
      'invalid-argument',
      `the text at ${surrogate} holds a lone surrogate (half of a UTF-16 pair), which is not text`,
    );
  const bytes = signingBytes(statement);
  return {
    envelope: {
      statement,
      signatures: signers.map((s) => ({ key: s.publicKey, signature: s.sign(bytes) })),
    },
    id: toHex(nodeCrypto.sha256(bytes)),
  };
};

export const shortId = (id: string): string => id.slice(0, 6);

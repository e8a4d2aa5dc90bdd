/**
 * Keys anyone can sign for, and text that is not I-JSON: attacks stage one must catch from one
 * file alone, before the signature is believed.
 */
import { createPublicKey, verify } from 'node:crypto';
import { toBase64Url, toHex } from '../../../shared/encoding';
import { signingBytes, renderEnvelope } from '../../../shared/format/envelope';
import type { Statement } from '../../../shared/format/types';
import { nodeCrypto } from '../../../electron/core/crypto';
import type { Signer } from '../../../electron/core/identity/keystore';
import { encode, IDENTITY } from '../../helpers/ed25519-math';
import {
  filed,
  pathOf,
  plant,
  resolutionBy,
  sign,
  stmt,
  voteBy,
  type Case,
  type Fields,
  type Forged,
} from './forge';

/** The order-8 key of the security report: it looks like any other key. */
const WEAK = 'xxdqcD1N2E-6PAt2DRBnDyogU_osOczGTsf9d5KsA3o';
const weakId = toHex(nodeCrypto.sha256(Buffer.from(WEAK, 'base64url')));
/** R = identity, S = 0: valid under WEAK for one message in eight. */
const FORGED = toBase64Url(Buffer.concat([encode(IDENTITY), new Uint8Array(32)]));

const plainVerify = (statement: Fields, key: string, signature: string): boolean =>
  verify(
    null,
    signingBytes(statement),
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key }, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );

/** What an attacker with no secret files: the first variant node:crypto accepts, unsigned. */
const forgeUnderWeak = (variant: (attempt: number) => Fields): Forged => {
  for (let attempt = 0; attempt < 300; attempt++) {
    const statement = variant(attempt);
    if (!plainVerify(statement, WEAK, FORGED)) continue;
    const envelope = {
      statement: statement as unknown as Statement,
      signatures: [{ key: WEAK, signature: FORGED }],
    };
    return { statement, id: sign(statement, []).id, envelope, text: renderEnvelope(envelope) };
  }
  throw new Error('no forgery found: the attack would need more tries');
};

/**
 * Signed over its canonical bytes as a lenient implementation would (Steward itself refuses to
 * sign text that is not I-JSON): the id is the hash of the same bytes.
 */
const signLeniently = (statement: Fields, signer: Signer): Forged => {
  const bytes = signingBytes(statement);
  const envelope = {
    statement: statement as unknown as Statement,
    signatures: [{ key: signer.publicKey, signature: signer.sign(bytes) }],
  };
  return {
    statement,
    id: toHex(nodeCrypto.sha256(bytes)),
    envelope,
    text: renderEnvelope(envelope),
  };
};

export const keyCases: Case[] = [
  {
    reason: 'weak-key',
    when: 'an add-member proposal names a small-order key (whose holder anyone could be)',
    attack: (g) =>
      filed(
        sign(
          {
            ...resolutionBy(g, g.ada, 130, 'Add Mallory'),
            kind: 'add-member',
            params: { key: WEAK, name: 'Mallory' },
          },
          [g.ada],
        ),
        'weak-key',
      ),
  },
  {
    reason: 'weak-key',
    when: 'a member rotates to a small-order key',
    attack: (g) =>
      filed(
        sign(stmt(g, 'key-rotation', g.ada, 130, { key: WEAK, basis: g.head }), [g.ada]),
        'weak-key',
      ),
  },
  {
    reason: 'weak-key',
    when: 'a vote is forged under a small-order key (R = identity, S = 0, dates tried)',
    attack: (g) => {
      const f = forgeUnderWeak((minute) => ({
        ...voteBy(g, g.ada, 100 + minute / 10, g.proposals.open),
        author: weakId,
      }));
      return filed(f, 'weak-key');
    },
  },
  {
    reason: 'weak-key',
    when: 'a forged add-member of a small-order key is voted in by forged votes',
    attack: (g) => {
      const add = forgeUnderWeak((minute) => ({
        ...resolutionBy(g, g.ada, 100 + minute / 10, 'Add Mallory'),
        author: weakId,
        kind: 'add-member',
        params: { key: WEAK, name: 'Mallory' },
      }));
      const yes = forgeUnderWeak((minute) => ({
        ...voteBy(g, g.ada, 131 + minute / 10, add.id),
        author: weakId,
      }));
      return {
        plants: [plant(pathOf(add), add.text), plant(pathOf(yes), yes.text)],
        expect: [
          { path: pathOf(add), reason: 'weak-key' },
          { path: pathOf(yes), reason: 'weak-key' },
        ],
      };
    },
  },
  {
    reason: 'not-i-json',
    when: "a vote's reason holds a lone surrogate, signed over its bytes",
    attack: (g) =>
      filed(
        signLeniently(
          voteBy(g, g.ada, 130, g.proposals.open, { choice: 'yes', reason: '\ud800' }),
          g.ada,
        ),
        'not-i-json',
      ),
  },
  {
    reason: 'not-i-json',
    when: 'a member name of the statement is a lone surrogate',
    attack: (g) =>
      filed(
        signLeniently({ ...voteBy(g, g.ada, 130, g.proposals.open), '\udc00': 1 }, g.ada),
        'not-i-json',
      ),
  },
];

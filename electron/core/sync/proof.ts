/**
 * Proof of membership for writing to a peer's server, with no shared password. The server hands
 * out a fresh random challenge (`GET /auth/challenge`); the member signs it with their key; the
 * proof travels as HTTP basic credentials, which every git client can send:
 *
 *   username = the member's id        password = v1.<challenge>.<signature, base64url>
 *
 * The signature covers `steward-push-proof-v1\n<challenge>\n`, so it can be used for nothing
 * else. A challenge lives five minutes; a push that writes consumes it, so a replayed proof
 * fails. Reads made with the same credentials (git asks for the refs before it pushes) do not.
 */
import { randomBytes } from 'node:crypto';
import { fromBase64Url } from '../../../shared/encoding';
import { nodeCrypto } from '../crypto';

export const CHALLENGE_PATH = '/auth/challenge';
const LIFETIME_MS = 5 * 60_000;
const MAX_OUTSTANDING = 10_000;

export const proofMessage = (challenge: string): Uint8Array =>
  new TextEncoder().encode(`steward-push-proof-v1\n${challenge}\n`);

export type Credentials = { username: string; password: string };

/** The credentials proving `signer` holds their key, for `challenge`. */
export const makeProof = (
  signer: { id: string; sign: (message: Uint8Array) => string },
  challenge: string,
): Credentials => ({
  username: signer.id,
  password: `v1.${challenge}.${signer.sign(proofMessage(challenge))}`,
});

export type ProofCheck = { ok: true; member: string } | { ok: false; reason: string };

/** The server's side: issues challenges and checks proofs against the current members' keys. */
export class Challenges {
  private readonly issued = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): { challenge: string; expires: string } {
    const now = this.now();
    for (const [c, expires] of this.issued) if (expires <= now) this.issued.delete(c);
    // The oldest go first when a flood of requests fills the table.
    while (this.issued.size >= MAX_OUTSTANDING)
      this.issued.delete(this.issued.keys().next().value!);
    const challenge = randomBytes(24).toString('base64url');
    this.issued.set(challenge, now + LIFETIME_MS);
    return { challenge, expires: new Date(now + LIFETIME_MS).toISOString() };
  }

  /**
   * Checks basic credentials. `keyOf` gives a member's current public key (undefined for a
   * non-member); `consume` spends the challenge, for the request that writes.
   */
  check(
    credentials: Credentials | undefined,
    keyOf: (member: string) => string | undefined,
    consume: boolean,
  ): ProofCheck {
    if (!credentials) return { ok: false, reason: 'a member proof is required' };
    const parts = /^v1\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{86})$/.exec(credentials.password);
    if (!parts) return { ok: false, reason: 'the password is not a Steward member proof' };
    const [, challenge, signature] = parts as unknown as [string, string, string];
    const expires = this.issued.get(challenge);
    if (expires === undefined)
      return { ok: false, reason: 'the challenge is unknown or was already used' };
    if (expires <= this.now()) {
      this.issued.delete(challenge);
      return { ok: false, reason: 'the challenge has expired' };
    }
    const key = keyOf(credentials.username);
    if (!key) return { ok: false, reason: `${credentials.username.slice(0, 12)} is not a member` };
    if (!nodeCrypto.verify(fromBase64Url(key), proofMessage(challenge), fromBase64Url(signature)))
      return { ok: false, reason: 'the signature does not verify with that member’s key' };
    if (consume) this.issued.delete(challenge);
    return { ok: true, member: credentials.username };
  }
}

/** Reads HTTP basic credentials from an Authorization header. */
export const basicCredentials = (header: string | undefined): Credentials | undefined => {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
};

/**
 * The short-lived tokens a batch response hands out with each transfer action, so that the
 * transfer itself needs no member proof: git-lfs sends the action's `Authorization` header as it
 * is. A token is bound to one member (or, for a group anyone may read, to nobody), one operation
 * and one object, and expires. An upload token is spent by the upload that succeeds with it; a
 * failed upload gives it back, so the client can try again while it lives. A download token
 * serves as many requests as a resumed download needs, until it expires.
 */
import { randomBytes } from 'node:crypto';
import type { LfsOperation } from '../types';

export const TOKEN_LIFETIME_S = 15 * 60;
/** A bound on the table: a batch names at most 10,000 objects, and tokens expire. */
const MAX_TOKENS = 200_000;
const SCHEME = 'Bearer';

export type Grant = {
  member: string | undefined;
  operation: LfsOperation;
  oid: string;
  /** The size the batch request gave, for an upload whose record says none. */
  size: number;
};

type Entry = Grant & { expires: number; busy: boolean };

export type TokenCheck =
  | { ok: true; grant: Grant; release: (spent: boolean) => void }
  | {
      ok: false;
      reason: string;
    };

export class Tokens {
  private readonly live = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new token for `grant`: the header value to send, and its lifetime in seconds. */
  issue(grant: Grant): { header: string; expiresIn: number } {
    const now = this.now();
    this.dropExpired(now);
    // Tokens are issued in order of expiry: the first is the oldest.
    while (this.live.size >= MAX_TOKENS) this.live.delete(this.live.keys().next().value!);
    const token = randomBytes(32).toString('base64url');
    this.live.set(token, { ...grant, expires: now + TOKEN_LIFETIME_S * 1000, busy: false });
    return { header: `${SCHEME} ${token}`, expiresIn: TOKEN_LIFETIME_S };
  }

  /**
   * Checks an Authorization header for `operation` on `oid`. An upload's token is held until
   * `release` says whether it was spent; no second upload may use it meanwhile.
   */
  check(header: string | undefined, operation: LfsOperation, oid: string): TokenCheck {
    const m = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header ?? '');
    if (!m) return { ok: false, reason: 'a transfer token is required' };
    const token = m[1]!;
    const entry = this.live.get(token);
    if (!entry) return { ok: false, reason: 'the transfer token is unknown or was already used' };
    if (entry.expires <= this.now()) {
      this.live.delete(token);
      return { ok: false, reason: 'the transfer token has expired' };
    }
    if (entry.operation !== operation || entry.oid !== oid)
      return { ok: false, reason: `the transfer token is not for this ${operation}` };
    const { member, size } = entry;
    const grant: Grant = { member, operation, oid, size };
    if (operation === 'download') return { ok: true, grant, release: () => undefined };
    if (entry.busy) return { ok: false, reason: 'the transfer token is in use by another upload' };
    entry.busy = true;
    return {
      ok: true,
      grant,
      release: (spent) => {
        if (spent) this.live.delete(token);
        else entry.busy = false;
      },
    };
  }

  private dropExpired(now: number): void {
    for (const [token, { expires }] of this.live) {
      if (expires > now) break;
      this.live.delete(token);
    }
  }
}

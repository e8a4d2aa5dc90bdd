/**
 * Proof of membership for writing to a peer's server, with no shared password. The server hands
 * out a fresh random challenge and its group's id (`GET /auth/challenge`); the member signs them
 * with the origin they dialled; the proof travels as HTTP basic credentials, which every git
 * client can send:
 *
 *   username = the member's id        password = v2.<challenge>.<signature, base64url>
 *
 * The signature covers
 *
 *   steward-push-proof-v2\norigin=<origin>\ngroup=<group id>\nchallenge=<challenge>\n
 *
 * so a server the member pushes to cannot pass the proof on to another server (another origin) or
 * use it for another group's repo at the same address. A challenge lives five minutes; a push that
 * writes consumes it, so a replayed proof fails. Reads made with the same credentials (git asks
 * for the refs before it pushes) do not.
 */
import { randomBytes } from 'node:crypto';
import { fromBase64Url } from '../../../shared/encoding';
import { StewardError } from '../../../shared/errors';
import { nodeCrypto } from '../crypto';

export const CHALLENGE_PATH = '/auth/challenge';
const LIFETIME_MS = 5 * 60_000;

const CHALLENGE = /^[A-Za-z0-9_-]{16,64}$/;
const GROUP = /^[0-9a-f]{64}$/;

/**
 * A server's origin as the WHATWG URL standard serialises it: `scheme://host[:port]`, scheme and
 * host in lower case, an IPv6 address in brackets in its shortest form, an IPv4 address in dotted
 * decimal, the port left out when it is the scheme's default (80, 443).
 */
export const originOf = (url: string): string => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StewardError('invalid-argument', `${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new StewardError('invalid-argument', `${url} is not an http(s) URL`);
  return parsed.origin;
};

/** A Host header's `host[:port]`: a name, an IPv4 address or a bracketed IPv6 address. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?$/;

/**
 * The origin a request was made for, from its Host header and the server's scheme, normalised as
 * `originOf` normalises the client's URL; undefined for a Host that is not a bare `host[:port]`.
 */
export const originOfHost = (host: string | undefined, scheme: 'http' | 'https' = 'http') => {
  if (host === undefined || !HOST.test(host)) return undefined;
  try {
    return originOf(`${scheme}://${host}/`);
  } catch {
    return undefined;
  }
};

/** What a proof binds: the server's origin, the group's id, the challenge. */
export type ProofTarget = { origin: string; group: string; challenge: string };

export const proofMessage = ({ origin, group, challenge }: ProofTarget): Uint8Array =>
  new TextEncoder().encode(
    `steward-push-proof-v2\norigin=${origin}\ngroup=${group}\nchallenge=${challenge}\n`,
  );

export type Credentials = { username: string; password: string };

/** The credentials proving `signer` holds their key, for `target`. */
export const makeProof = (
  signer: { id: string; sign: (message: Uint8Array) => string },
  target: ProofTarget,
): Credentials => {
  if (!CHALLENGE.test(target.challenge) || !GROUP.test(target.group))
    throw new StewardError('invalid-argument', 'not a Steward challenge: nothing was signed');
  return {
    username: signer.id,
    password: `v2.${target.challenge}.${signer.sign(proofMessage(target))}`,
  };
};

/** A challenge response's body, checked: undefined when it is not a Steward server's. */
export const readChallenge = (body: unknown): { challenge: string; group: string } | undefined => {
  const b = body as { challenge?: unknown; group?: unknown } | undefined;
  if (typeof b?.challenge !== 'string' || !CHALLENGE.test(b.challenge)) return undefined;
  if (typeof b.group !== 'string' || !GROUP.test(b.group)) return undefined;
  return { challenge: b.challenge, group: b.group };
};

export type ProofCheck = { ok: true; member: string } | { ok: false; reason: string };

/** What the server knows of itself when it checks a proof. */
export type Expected = {
  /** The origin the request was made for, once the server has found it names itself. */
  origin: string;
  /** The group's id at the head; undefined while the repo holds no group. */
  group: string | undefined;
  /** A member's current public key; undefined for a non-member. */
  keyOf: (member: string) => string | undefined;
};

/**
 * Checks a proof's credentials against what the server expects; `challengeState` says whether the
 * challenge it names was issued and is still live.
 */
export const checkProof = (
  credentials: Credentials | undefined,
  expected: Expected,
  challengeState: (challenge: string) => 'live' | 'unknown' | 'expired',
): ProofCheck => {
  if (!credentials) return { ok: false, reason: 'a member proof is required' };
  if (/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(credentials.password))
    return {
      ok: false,
      reason:
        'v1 member proofs are no longer accepted (another server could relay them): update Steward',
    };
  const parts = /^v2\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{86})$/.exec(credentials.password);
  if (!parts) return { ok: false, reason: 'the password is not a Steward member proof' };
  const [, challenge, signature] = parts as unknown as [string, string, string];
  const state = challengeState(challenge);
  if (state === 'unknown')
    return { ok: false, reason: 'the challenge is unknown or was already used' };
  if (state === 'expired') return { ok: false, reason: 'the challenge has expired' };
  const key = expected.keyOf(credentials.username);
  if (!key) return { ok: false, reason: `${credentials.username.slice(0, 12)} is not a member` };
  const { origin, group } = expected;
  if (!group) return { ok: false, reason: 'this server holds no group yet' };
  const message = proofMessage({ origin, group, challenge });
  if (!nodeCrypto.verify(fromBase64Url(key), message, fromBase64Url(signature)))
    return {
      ok: false,
      reason: `the signature does not verify with that member’s key for this server (${origin}) and group ${group.slice(0, 12)}: it was made for another server or group, or with another key`,
    };
  return { ok: true, member: credentials.username };
};

/** Reads HTTP basic credentials from an Authorization header. */
export const basicCredentials = (header: string | undefined): Credentials | undefined => {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
};

export type ChallengeLimits = {
  /** Outstanding challenges one client (an IPv4 address, an IPv6 /64) may hold. */
  perClient: number;
  /** Outstanding challenges in all. */
  total: number;
};

const LIMITS: ChallengeLimits = { perClient: 32, total: 10_000 };

const first = (set: Set<string>): string => set.values().next().value!;

/**
 * The server's side: issues challenges and checks proofs against the current members' keys.
 * Anyone may ask for a challenge, so the table is bounded per client: a client at its share loses
 * its own oldest, and when the whole table is full the oldest of the client holding the most goes
 * (the asker's own when it holds as many). So a flood from one address never pushes out another's
 * challenge, and pushing out a member's takes more addresses than the table has room for.
 */
export class Challenges {
  private readonly issued = new Map<string, { expires: number; client: string }>();
  private readonly byClient = new Map<string, Set<string>>();
  /** byCount[n]: the clients holding exactly n challenges. */
  private readonly byCount: Set<string>[];
  private readonly limits: ChallengeLimits;
  /**
   * The group's id, sent with each challenge for a client that has no copy of the ledger yet (a
   * clone, git's credential helper). Set by whoever knows the ledger (MemberAuth).
   */
  group: () => Promise<string | undefined> = () => Promise.resolve(undefined);

  constructor(
    private readonly now: () => number = Date.now,
    limits: Partial<ChallengeLimits> = {},
  ) {
    this.limits = { ...LIMITS, ...limits };
    this.byCount = Array.from({ length: this.limits.perClient + 1 }, () => new Set<string>());
  }

  /** How many challenges are outstanding (expired ones not yet dropped included). */
  get size(): number {
    return this.issued.size;
  }

  issue(client: string): { challenge: string; expires: string } {
    const now = this.now();
    this.dropExpired(now);
    const own = this.byClient.get(client);
    if (own && own.size >= this.limits.perClient) this.remove(first(own));
    else if (this.issued.size >= this.limits.total) this.remove(first(this.largest(client)));
    const challenge = randomBytes(24).toString('base64url');
    this.add(client, challenge, now + LIFETIME_MS);
    return { challenge, expires: new Date(now + LIFETIME_MS).toISOString() };
  }

  /**
   * Checks basic credentials against what the server expects; `consume` spends the challenge, for
   * the request that writes.
   */
  check(credentials: Credentials | undefined, expected: Expected, consume: boolean): ProofCheck {
    const now = this.now();
    let challenge: string | undefined;
    const result = checkProof(credentials, expected, (c) => {
      const entry = this.issued.get(c);
      if (!entry) return 'unknown';
      if (entry.expires <= now) {
        this.remove(c);
        return 'expired';
      }
      challenge = c;
      return 'live';
    });
    if (result.ok && consume && challenge) this.remove(challenge);
    return result;
  }

  /** The challenges of the client holding the most: the asker's own when it holds as many. */
  private largest(client: string): Set<string> {
    const own = this.byClient.get(client);
    for (let n = this.limits.perClient; n > 0; n--) {
      const holders = this.byCount[n]!;
      if (holders.size === 0) continue;
      if (own?.size === n) return own;
      return this.byClient.get(first(holders))!;
    }
    throw new Error('a full challenge table with no holder');
  }

  /** Challenges are issued in order of expiry, so the expired ones are at the front. */
  private dropExpired(now: number): void {
    for (const [c, { expires }] of this.issued) {
      if (expires > now) break;
      this.remove(c);
    }
  }

  private add(client: string, challenge: string, expires: number): void {
    const set = this.byClient.get(client) ?? new Set<string>();
    this.byClient.set(client, set);
    this.byCount[set.size]?.delete(client);
    set.add(challenge);
    this.byCount[set.size]!.add(client);
    this.issued.set(challenge, { expires, client });
  }

  private remove(challenge: string): void {
    const entry = this.issued.get(challenge);
    if (!entry) return;
    this.issued.delete(challenge);
    const set = this.byClient.get(entry.client)!;
    this.byCount[set.size]!.delete(entry.client);
    set.delete(challenge);
    if (set.size > 0) this.byCount[set.size]!.add(entry.client);
    else this.byClient.delete(entry.client);
  }
}

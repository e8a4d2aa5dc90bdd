/**
 * Who may push to (and, when the group wants it, read from) a peer's server: members as the
 * ledger says at its head, each proving it with a signed challenge bound to this server's origin
 * and the group (sync/proof.ts). The policy (members' keys, the group's id, the charter's read
 * access) is derived once per head commit, since deriving it verifies the whole ledger.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { ReadAccess } from '../../../shared/charter';
import type { Ledger } from '../ledger/ledger';
import { basicCredentials, CHALLENGE_PATH, originOfHost, type Challenges } from '../sync/proof';
import { clientOf, ipv6Groups, unmapped } from './client-address';
import { HttpError, type Route } from './http';

export const REALM = 'Steward members';

/** The objects some registered model version lists, by SHA-256, with the size a record gives. */
export type Listed = ReadonlyMap<string, number | undefined>;

type Policy = {
  keys: Map<string, string>;
  group: string | undefined;
  readAccess: ReadAccess;
  listed: Listed;
};

const isLoopback = (address: string): boolean =>
  isIP(address) === 4
    ? address.startsWith('127.')
    : ipv6Groups(address).join(':') === '0000:0000:0000:0000:0000:0000:0000:0001';

export type RequestOrigin = { ok: true; origin: string } | { ok: false; reason: string };

/**
 * The origin a request was made for, as its client dialled it (the Host header, on a server that
 * speaks plain HTTP), once it is found to name this server: a Host naming another server is what
 * a relay sends to pass on a proof made for itself. The port must be the one the connection came
 * in on; an address must be the one it came in on; `localhost` must have come in on a loopback
 * address. Any other name has been admitted by the server's Host allowlist (host-header.ts) as
 * one the server was bound to.
 */
export const requestOrigin = (
  host: string | undefined,
  socket: { localAddress?: string | undefined; localPort?: number | undefined },
): RequestOrigin => {
  const origin = originOfHost(host);
  if (!origin) return { ok: false, reason: 'the request has no valid Host header' };
  const url = new URL(origin);
  const port = url.port === '' ? 80 : Number(url.port);
  const notHere = { ok: false, reason: `${origin} is not this server` } as const;
  if (socket.localPort !== port) return notHere;
  const local = unmapped(socket.localAddress ?? '');
  const name = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(name)) {
    if (!isIP(local)) return notHere;
    const bracketed = isIP(local) === 6 ? `[${local}]` : local;
    if (new URL(`http://${bracketed}/`).hostname !== url.hostname) return notHere;
  } else if (/^(?:.+\.)?localhost\.?$/.test(name) && !(isIP(local) && isLoopback(local))) {
    return notHere;
  }
  return { ok: true, origin };
};

export class MemberAuth {
  private cached: { head: string | undefined; policy: Promise<Policy> } | undefined;

  constructor(
    private readonly ledger: Ledger,
    readonly challenges: Challenges,
    private readonly now: () => number = Date.now,
  ) {
    // The challenge's response names the group, for a client with no copy of the ledger yet.
    challenges.group = async () => (await this.policy()).group;
  }

  private async policy(): Promise<Policy> {
    const head = await this.ledger.head();
    if (!this.cached || this.cached.head !== head) {
      const entry = { head, policy: this.load(head) };
      this.cached = entry;
      // A failed load is not kept: the next request tries again.
      entry.policy.catch(() => {
        if (this.cached === entry) this.cached = undefined;
      });
    }
    return this.cached.policy;
  }

  private async load(head: string | undefined): Promise<Policy> {
    if (!head)
      return { keys: new Map(), group: undefined, readAccess: 'anyone', listed: new Map() };
    const { state } = await this.ledger.load(new Date(this.now()), { commit: head });
    const listed = new Map<string, number | undefined>();
    for (const file of state.models.flatMap((m) => m.versions.flatMap((v) => v.files))) {
      // The first record that gives a size is kept: the bytes' hash decides in the end anyway.
      if (listed.get(file.sha256) === undefined) listed.set(file.sha256, file.size);
    }
    return {
      keys: new Map(state.members.map((m) => [m.id, m.publicKey])),
      group: state.group?.id,
      readAccess: state.charter?.readAccess ?? 'anyone',
      listed,
    };
  }

  /** The objects some registered model version lists at the head (LFS serves these alone). */
  async listed(): Promise<Listed> {
    return (await this.policy()).listed;
  }

  /** Whether `member` is a member at the head (a transfer token outlives a removal otherwise). */
  async isMember(member: string): Promise<boolean> {
    return (await this.policy()).keys.has(member);
  }

  /** Who may read, as the charter at the head says. */
  async readAccess(): Promise<ReadAccess> {
    return (await this.policy()).readAccess;
  }

  /**
   * Derives the policy now, ahead of the request that will need it: a client waiting on a silent
   * response gives up after 5 s, and deriving it verifies the whole ledger.
   */
  warm(onError: (error: unknown) => void): void {
    this.policy().catch(onError);
  }

  /** Settles once no derivation is running; a failure was reported where it was awaited. */
  async idle(): Promise<void> {
    await this.cached?.policy.then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * The member the request's credentials prove, or a 401 giving the reason (git shows it).
   * `consume` spends the challenge: for the request that writes, so a replayed proof fails.
   */
  async require(req: IncomingMessage, consume: boolean): Promise<string> {
    const credentials = basicCredentials(req.headers.authorization);
    const { keys, group } = await this.policy();
    const origin = credentials
      ? requestOrigin(req.headers.host, req.socket)
      : ({ ok: true, origin: '' } as const);
    const result = origin.ok
      ? this.challenges.check(
          credentials,
          { origin: origin.origin, group, keyOf: (id) => keys.get(id) },
          consume,
        )
      : origin;
    if (result.ok) return result.member;
    throw new HttpError(401, `Steward: ${result.reason}`, {
      'WWW-Authenticate': `Basic realm="${REALM}"`,
    });
  }
}

/** `GET /auth/challenge`: a fresh challenge for a member to sign, and the group's id. */
export const challengeRoute = (challenges: Challenges): Route => ({
  method: 'GET',
  match: (path) => path === CHALLENGE_PATH,
  handle: async (req, res) => {
    const group = await challenges.group();
    const issued = challenges.issue(clientOf(req.socket.remoteAddress));
    const body = JSON.stringify({ ...issued, ...(group ? { group } : {}) });
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(body);
  },
});

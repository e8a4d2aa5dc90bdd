/**
 * Who may push to (and, when the group wants it, read from) a peer's server: members as the
 * ledger says at its head, each proving it with a signed challenge (sync/proof.ts). The members'
 * keys are derived once per head commit, since deriving them verifies the whole ledger.
 */
import type { IncomingMessage } from 'node:http';
import type { Ledger } from '../ledger/ledger';
import { basicCredentials, CHALLENGE_PATH, type Challenges } from '../sync/proof';
import { HttpError, type Route } from './http';

export const REALM = 'Steward members';

type Keys = Map<string, string>;

export class MemberAuth {
  private cached: { head: string | undefined; keys: Promise<Keys> } | undefined;

  constructor(
    private readonly ledger: Ledger,
    readonly challenges: Challenges,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current members' public keys, by member id. */
  async keys(): Promise<Keys> {
    const head = await this.ledger.head();
    if (this.cached?.head !== head) {
      const entry = { head, keys: this.load(head) };
      this.cached = entry;
      // A failed load is not kept: the next request tries again.
      entry.keys.catch(() => {
        if (this.cached === entry) this.cached = undefined;
      });
    }
    return this.cached!.keys;
  }

  private async load(head: string | undefined): Promise<Keys> {
    if (!head) return new Map();
    const { state } = await this.ledger.load(new Date(this.now()), { commit: head });
    return new Map(state.members.map((m) => [m.id, m.publicKey]));
  }

  /**
   * The member the request's credentials prove, or a 401 giving the reason (git shows it).
   * `consume` spends the challenge: for the request that writes, so a replayed proof fails.
   */
  async require(req: IncomingMessage, consume: boolean): Promise<string> {
    const credentials = basicCredentials(req.headers.authorization);
    const keys = await this.keys();
    const result = this.challenges.check(credentials, (id) => keys.get(id), consume);
    if (result.ok) return result.member;
    throw new HttpError(401, `Steward: ${result.reason}`, {
      'WWW-Authenticate': `Basic realm="${REALM}"`,
    });
  }
}

/** `GET /auth/challenge`: a fresh challenge for a member to sign. */
export const challengeRoute = (challenges: Challenges): Route => ({
  method: 'GET',
  match: (path) => path === CHALLENGE_PATH,
  handle: (_req, res) => {
    const body = JSON.stringify(challenges.issue());
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(body);
  },
});

/**
 * Who may push to (and, when the group wants it, read from) a peer's server: members as the
 * ledger says at its head, each proving it with a signed challenge (sync/proof.ts). The policy
 * (members' keys, the charter's read access) is derived once per head commit, since deriving it
 * verifies the whole ledger.
 */
import type { IncomingMessage } from 'node:http';
import type { ReadAccess } from '../../../shared/charter';
import type { Ledger } from '../ledger/ledger';
import { basicCredentials, CHALLENGE_PATH, type Challenges } from '../sync/proof';
import { HttpError, type Route } from './http';

export const REALM = 'Steward members';

type Policy = { keys: Map<string, string>; readAccess: ReadAccess };

export class MemberAuth {
  private cached: { head: string | undefined; policy: Promise<Policy> } | undefined;

  constructor(
    private readonly ledger: Ledger,
    readonly challenges: Challenges,
    private readonly now: () => number = Date.now,
  ) {}

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
    if (!head) return { keys: new Map(), readAccess: 'anyone' };
    const { state } = await this.ledger.load(new Date(this.now()), { commit: head });
    return {
      keys: new Map(state.members.map((m) => [m.id, m.publicKey])),
      readAccess: state.charter?.readAccess ?? 'anyone',
    };
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
    const { keys } = await this.policy();
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

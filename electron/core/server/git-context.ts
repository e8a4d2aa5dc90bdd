/**
 * What the git routes share: the repo, the limits, the events they report, and the headers of a
 * git response.
 */
import type { ServerResponse } from 'node:http';
import type { Repo } from '../ledger/repo';
import type { Outcome } from '../sync/integrate';
import { BAND, FLUSH, pktLine, sideBand } from './pkt-line';

export type GitEvent =
  | { type: 'fetch'; wants: string[]; objects: number; bytes: number }
  | {
      type: 'push';
      member: string;
      outcome: Outcome;
      before?: string;
      after?: string;
      /** The statement files that came in. */
      added: string[];
    }
  | { type: 'push-rejected'; member: string; reason: string }
  | { type: 'refused'; service: GitService; reason: string }
  /** A bug: something failed that should not have. */
  | { type: 'error'; error: unknown };

export type GitService = 'git-upload-pack' | 'git-receive-pack';

export type Limits = {
  /** A push's body: commands and pack. */
  pushBytes: number;
  /** A fetch's body: wants and haves. */
  fetchBytes: number;
};

export const defaultLimits: Limits = { pushBytes: 512 * 1024 * 1024, fetchBytes: 16 * 1024 * 1024 };

export type GitContext = { repo: Repo; limits: Limits; emit: (event: GitEvent) => void };

export const ZERO_OID = '0'.repeat(40);
export const AGENT = 'agent=steward/0.1';

/** A git response must never be served from a cache: refs move. */
export const startGitResponse = (res: ServerResponse, contentType: string): void => {
  res.writeHead(200, {
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache, max-age=0, must-revalidate',
    Pragma: 'no-cache',
    Expires: 'Fri, 01 Jan 1980 00:00:00 GMT',
  });
};

/**
 * Writes to a side-band response and keeps it alive: Node's HTTP agent and isomorphic-git give up
 * on a response idle for 5 s, and counting or checking objects can take longer. Every two seconds
 * `status()` goes out on band 2; to a client that asked for no progress, an empty band-1 packet
 * (git's own keep-alive) goes instead.
 */
export class SideBandWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly progress: boolean,
  ) {}

  data(bytes: Buffer | string): void {
    for (const packet of sideBand(BAND.data, bytes)) this.res.write(packet);
  }

  say(message: string): void {
    if (this.progress)
      for (const packet of sideBand(BAND.progress, message)) this.res.write(packet);
  }

  keepAlive(status: () => string): void {
    this.stop();
    this.timer = setInterval(() => {
      if (this.progress) this.say(status());
      else this.data(Buffer.alloc(0));
    }, 2000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A fatal error the client shows as "remote error", then the end of the response. */
  fail(message: string): void {
    this.stop();
    for (const packet of sideBand(BAND.error, `${message}\n`)) this.res.write(packet);
    this.res.end(FLUSH);
  }

  end(): void {
    this.stop();
    this.res.end(FLUSH);
  }
}

/** A refusal in the protocol's own terms: git prints it as "remote error: …". */
export const sendErr = (res: ServerResponse, contentType: string, message: string): void => {
  startGitResponse(res, contentType);
  res.end(pktLine(`ERR ${message}\n`));
};

/**
 * `steward serve`: a peer's repo over HTTP on this machine's network, for `git clone`, `git push`
 * and other peers' sync. Reads are open unless the charter says members only (`readAccess`);
 * pushes always need a member's signed proof (sync/proof.ts).
 */
import type { Ledger } from '../ledger/ledger';
import { Challenges } from '../sync/proof';
import type { GitEvent, Limits } from './git-context';
import type { ReadAccess } from '../../../shared/charter';
import { gitRoutes } from './git-http';
import { createHttpServer } from './http';
import type { Timeouts } from './request-timeouts';
import { challengeRoute, MemberAuth } from './member-auth';
import { Api } from '../api/api';
import { mountApi } from './api-http';
import { Workspace } from '../api/workspace';
import { lanAddresses, urlOf } from './lan-address';
import { ReviewRoom } from './review-room';
import type { ModelStore } from '../models/store';
import { lfsRoutes } from '../lfs/server/routes';
import type { LfsEvent } from '../lfs/server/events';
import { alsoUnderPrefix } from './path-prefix';

export type ServeEvent = GitEvent | LfsEvent;

export type ServeOptions = {
  ledger: Ledger;
  /** 127.0.0.1 unless the user asks for more. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Who may fetch and clone; by default what the charter at the head says. */
  readAccess?: () => Promise<ReadAccess>;
  onEvent?: (event: ServeEvent) => void;
  limits?: Partial<Limits>;
  /**
   * The model store whose blobs Git LFS serves (and receives from members): only the objects some
   * registered version lists. Without it, the server speaks no LFS.
   */
  models?: ModelStore;
  /** Bytes Git LFS uploads leave free on the model store's disk (space.ts has the default). */
  lfsReserveBytes?: number;
  /** How long a request may take, and a transfer stay idle (request-timeouts.ts has the defaults). */
  timeouts?: Partial<Timeouts>;
  /** The clock challenges expire by and members are derived at. */
  now?: () => number;
  /** The UI's API (and, with `renderer`, the UI itself) on the same server. */
  ui?: {
    /** STEWARD_HOME: this machine's identity and model store. */
    home: string;
    version: string;
    demoBundle?: string;
    /** The built renderer's folder. */
    renderer?: string;
    /** A code a browser not on this machine must give first; none: every browser is admitted. */
    code?: string;
    /** The secret of the host's own browser link (`/host?token=…`). */
    hostToken?: string;
    /** How long a participant's unlocked key outlives their last request. */
    idleMs?: number;
  };
};

export type Served = { url: string; close: () => Promise<void> };

export const serveRepo = async (options: ServeOptions): Promise<Served> => {
  const { ledger, onEvent, now = Date.now } = options;
  const challenges = new Challenges(now);
  const auth = new MemberAuth(ledger, challenges, now);
  const report = (error: unknown): void =>
    onEvent ? onEvent({ type: 'error', error }) : console.error(error);
  const server = createHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    onError: report,
    ...(options.timeouts && { timeouts: options.timeouts }),
  });
  const readAccess = options.readAccess ?? (() => auth.readAccess());
  // At the root and under one path segment (`/group`, `/group.git`): a clone of a URL with a path
  // is one git-lfs finds its endpoint for by itself (path-prefix.ts).
  server.mount(
    ...alsoUnderPrefix([
      challengeRoute(challenges),
      ...gitRoutes({
        repo: ledger.repo,
        auth,
        readAccess,
        ...(options.limits ? { limits: options.limits } : {}),
        ...(onEvent ? { onEvent } : {}),
      }),
      ...(options.models
        ? lfsRoutes({
            auth,
            models: options.models,
            readAccess,
            now,
            ...(options.lfsReserveBytes !== undefined && {
              reserveBytes: options.lfsReserveBytes,
            }),
            ...(onEvent ? { onEvent } : {}),
          })
        : []),
    ]),
  );
  // The room is this server's own addresses: it cannot open another listener.
  const room = new ReviewRoom({
    fixed: () => ({
      urls: reviewUrls(options.host ?? '127.0.0.1', served.url),
      ...(options.ui?.code !== undefined && { code: options.ui.code }),
    }),
  });
  const ui = options.ui
    ? mountApi(server, {
        api: new Api({
          workspace: new Workspace(options.ui.home, ledger),
          transport: 'http',
          version: options.ui.version,
          now: () => new Date(now()),
          ...(options.ui.code !== undefined && { code: options.ui.code }),
          ...(options.ui.demoBundle && { demoBundle: options.ui.demoBundle }),
        }),
        room,
        ...(options.ui.renderer && { renderer: options.ui.renderer }),
        ...(options.ui.hostToken && { hostToken: options.ui.hostToken }),
        ...(options.ui.idleMs !== undefined && { idleMs: options.ui.idleMs }),
        onError: report,
      })
    : undefined;
  const url = await server.listen();
  auth.warm(report);
  const served: Served = {
    url,
    close: async () => {
      await ui?.close();
      await server.close();
      // A derivation still running would read the repo after its owner thinks it is closed.
      await auth.idle();
    },
  };
  return served;
};

/** Where other machines reach the server: each network address, when it listens on them all. */
const reviewUrls = (host: string, url: string): string[] => {
  const port = Number(new URL(url).port);
  if (host !== '0.0.0.0' && host !== '::') return [url];
  const addresses = lanAddresses()
    .filter((a) => host === '::' || !a.includes(':'))
    .map((a) => urlOf(a, port));
  return addresses.length ? addresses : [url];
};

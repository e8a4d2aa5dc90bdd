/**
 * Git's smart HTTP protocol (v0/v1) for one repo at the server's root, so that `git clone URL`,
 * `git push` and isomorphic-git work against a peer with no git binary anywhere. A client asking
 * for protocol v2 (`Git-Protocol: version=2`) gets v0, which every client falls back to. Only
 * `HEAD` and `refs/heads/main` exist to the outside; pushes need a member's proof, reads too when
 * the group says so.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadAccess } from '../../../shared/charter';
import { readHead, REF, type Repo } from '../ledger/repo';
import {
  AGENT,
  defaultLimits,
  type GitContext,
  type GitEvent,
  type GitService,
  type Limits,
  startGitResponse,
  ZERO_OID,
} from './git-context';
import { HttpError, type Route } from './http';
import type { MemberAuth } from './member-auth';
import { FLUSH, pktLine } from './pkt-line';
import { handleReceivePack } from './receive-pack';
import { handleUploadPack } from './upload-pack';

// No thin-pack (packs are whole objects), no shallow, no filter: none is implemented.
const UPLOAD_CAPS = `multi_ack_detailed side-band-64k ofs-delta no-progress symref=HEAD:${REF}`;
// No delete-refs: deleting main is refused. no-thin: a push must carry every object it needs.
const RECEIVE_CAPS = 'report-status side-band-64k no-thin quiet atomic';

/**
 * The ref advertisement. Upload-pack shows HEAD and main; receive-pack, like git's, only the
 * branch. An empty repo shows the capabilities on a null ref.
 */
export const advertise = (service: GitService, head: string | undefined): Buffer => {
  const upload = service === 'git-upload-pack';
  const caps = `${upload ? UPLOAD_CAPS : RECEIVE_CAPS} ${AGENT}`;
  const refs: [string, string][] = !head
    ? []
    : upload
      ? [
          [head, 'HEAD'],
          [head, REF],
        ]
      : [[head, REF]];
  const lines = refs.map(([oid, name], i) =>
    pktLine(`${oid} ${name}${i === 0 ? `\0${caps}` : ''}\n`),
  );
  if (lines.length === 0) lines.push(pktLine(`${ZERO_OID} capabilities^{}\0${caps}\n`));
  return Buffer.concat([pktLine(`# service=${service}\n`), FLUSH, ...lines, FLUSH]);
};

export type GitRoutesOptions = {
  repo: Repo;
  auth: MemberAuth;
  /** Who may fetch and clone; asked on every read, so a change in settings applies at once. */
  readAccess?: () => Promise<ReadAccess>;
  limits?: Partial<Limits>;
  onEvent?: (event: GitEvent) => void;
};

const requestType = (req: IncomingMessage, service: GitService): void => {
  // Git and isomorphic-git always send it; a browser form cannot, so a page elsewhere cannot
  // make a visitor's browser post here.
  if (req.headers['content-type'] !== `application/x-${service}-request`) {
    throw new HttpError(415, `expected Content-Type application/x-${service}-request`);
  }
};

export const gitRoutes = (options: GitRoutesOptions): Route[] => {
  const { repo, auth, readAccess = () => Promise.resolve('anyone') } = options;
  // Without a listener, bugs still reach the log.
  const emit =
    options.onEvent ?? ((e: GitEvent) => void (e.type === 'error' && console.error(e.error)));
  const ctx: GitContext = { repo, limits: { ...defaultLimits, ...options.limits }, emit };

  /**
   * Runs a check and reports a refusal. A request with no credentials is not one: git always asks
   * without them first, and sends them once it has seen the 401.
   */
  const refusing = async <T>(
    service: GitService,
    req: IncomingMessage,
    check: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await check();
    } catch (error) {
      if (error instanceof HttpError && req.headers.authorization !== undefined) {
        emit({ type: 'refused', service, reason: error.message });
      }
      throw error;
    }
  };

  /** Lets a read through, or refuses it with the reason. */
  const mayRead = async (req: IncomingMessage): Promise<void> => {
    if ((await readAccess()) === 'anyone') return;
    await refusing('git-upload-pack', req, () => auth.require(req, false));
  };

  const infoRefs = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const service = url.searchParams.get('service');
    if (service === null) {
      throw new HttpError(403, 'this server speaks only smart HTTP: use git 1.6.6 or later');
    }
    if (service === 'git-upload-pack') await mayRead(req);
    else if (service === 'git-receive-pack') {
      await refusing(service, req, () => auth.require(req, false));
    } else throw new HttpError(403, `unknown service ${service}`);
    const body = advertise(service, await readHead(repo));
    startGitResponse(res, `application/x-${service}-advertisement`);
    res.end(body);
  };

  return [
    {
      method: 'GET',
      match: (path) => path === '/info/refs',
      handle: (req, res, { url }) => infoRefs(req, res, url),
    },
    {
      method: 'POST',
      match: (path) => path === '/git-upload-pack',
      handle: async (req, res) => {
        requestType(req, 'git-upload-pack');
        await mayRead(req);
        await handleUploadPack(ctx, req, res);
      },
    },
    {
      method: 'POST',
      match: (path) => path === '/git-receive-pack',
      handle: async (req, res) => {
        requestType(req, 'git-receive-pack');
        await refusing('git-receive-pack', req, () => handleReceivePack(ctx, auth, req, res));
      },
    },
  ];
};

/**
 * Weights travelling between peers: `models:fetch` brings a registered version's missing files
 * into this computer's store (verified by SHA-256 as they stream) from a named source or from
 * each of the group's remotes in turn; `models:push` uploads a version's files to a remote's LFS
 * storage, a member alone. Both run under the client's id, report bytes as they move
 * (`models:onDidTransfer`) and stop on `models:cancel`. The host's own client alone: they read
 * and write the host's store and reach out with the host's remotes.
 */
import { StewardError } from '../../../shared/errors';
import { loadAsMember } from '../governance/context';
import { fetchVersion } from '../lfs/fetch';
import { pushVersion } from '../lfs/push';
import { sourcesFor } from '../lfs/sources';
import type { TransferProgress } from '../lfs/types';
import type { HttpAuth } from '../sync/remote-http';
import type { ApiContext, ApiSession, Handlers } from './api';
import { trackRun } from './track-run';

type Channels = 'models:fetch' | 'models:push';

/** The member's signer for a steward peer, as the app's sync authenticates (forge credentials ride in the remote's URL). */
const authOf = (session: ApiSession): HttpAuth => ({
  signer: () => Promise.resolve(session.signer),
});

const progressTo =
  (ctx: ApiContext, session: ApiSession, runId: string) =>
  (p: TransferProgress): void =>
    ctx.emit(
      'models:onDidTransfer',
      {
        runId,
        path: p.path,
        bytes: p.bytes,
        total: p.total,
        rate: Math.max(0, p.rate),
        source: p.source,
      },
      session.id,
    );

export const transferHandlers = (ctx: ApiContext): Handlers<Channels> => ({
  'models:fetch': async (arg, session) => {
    ctx.requireHost(session);
    const run = trackRun(ctx, arg.runId, session);
    try {
      const { state } = await ctx.snapshot();
      const sources = await sourcesFor(ctx.workspace.ledger().repo, arg.from);
      const result = await fetchVersion({
        store: ctx.runner().store,
        state,
        model: arg.model,
        version: arg.version,
        sources,
        auth: () => authOf(session),
        now: ctx.now(),
        signal: run.signal,
        onProgress: progressTo(ctx, session, arg.runId),
      });
      return {
        model: result.model,
        version: result.version,
        files: result.files,
        fetched: result.fetched,
        bytes: result.bytes,
        refused: result.refused,
      };
    } finally {
      run.done();
    }
  },
  'models:push': async (arg, session) => {
    ctx.requireHost(session);
    // Refused before anything moves: a peer takes uploads from members only, and so does the app.
    await loadAsMember(ctx.writer(session));
    const run = trackRun(ctx, arg.runId, session);
    try {
      const { state } = await ctx.snapshot();
      const [target] = await sourcesFor(ctx.workspace.ledger().repo, arg.remote);
      if (!target)
        throw new StewardError('invalid-argument', `${arg.remote} names no remote to push to`);
      const result = await pushVersion({
        store: ctx.runner().store,
        state,
        model: arg.model,
        version: arg.version,
        target,
        auth: authOf(session),
        signal: run.signal,
        onProgress: progressTo(ctx, session, arg.runId),
      });
      return {
        model: result.model,
        version: result.version,
        target: result.target,
        files: result.files,
        uploaded: result.uploaded,
        bytes: result.bytes,
      };
    } finally {
      run.done();
    }
  },
});

/**
 * A run, import, evaluation, fetch or push under the id the client chose, so that
 * `models:cancel` from that client (and no other) can stop it.
 */
import { StewardError } from '../../../shared/errors';
import type { ApiContext, ApiSession } from './api';

/** Registers a run under the client's id; the returned `done` ends it. */
export const trackRun = (ctx: ApiContext, runId: string, session: ApiSession) => {
  if (ctx.runs.has(runId)) throw new StewardError('conflict', `a run ${runId} is under way`);
  const controller = new AbortController();
  const entry = { session: session.id, controller };
  ctx.runs.set(runId, entry);
  return {
    signal: controller.signal,
    // Only its own entry: a later run may reuse the id once this one was forgotten.
    done: () => {
      if (ctx.runs.get(runId) === entry) ctx.runs.delete(runId);
    },
  };
};

/**
 * The models screen: what may run here and why not, importing a folder with progress, verifying
 * it, running it with streamed tokens, evaluating it (signed as evidence on request), cancelling.
 * Each run carries an id the client chose, so its progress and tokens reach that client alone.
 */
import type { LocalModelStatus } from '../../../shared/api-types';
import { isStewardError, StewardError } from '../../../shared/errors';
import { loadAsMember } from '../governance/context';
import { attachEvidence } from '../governance/evidence';
import { parseDataset } from '../models/dataset';
import { evaluate } from '../models/eval';
import { evidenceOf } from '../models/reproduce';
import { checkRunnable } from '../models/runnable';
import type { Manifest } from '../models/store';
import { recordOf, verifyAgainst } from '../models/verify';
import { taskOfImport } from './model-task';
import { filesHereOf } from './files-here';
import { trackRun } from './track-run';
import type { ApiContext, Handlers } from './api';

type Channels =
  | 'models:local'
  | 'models:import'
  | 'models:verify'
  | 'models:run'
  | 'models:eval'
  | 'models:cancel';

/** A folder the host's disk would not let us read, as a refusal that names the path. */
const unreadable = (error: unknown, dir: string): unknown => {
  if (isStewardError(error) || !(error instanceof Error) || !('code' in error)) return error;
  const { code, path } = error as NodeJS.ErrnoException;
  const where = path ?? dir;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new StewardError('invalid-argument', `${where} cannot be read: permission denied`);
    case 'ENOENT':
      return new StewardError('invalid-argument', `${where} disappeared during the import`);
    case 'EISDIR':
    case 'ENOTDIR':
      return new StewardError('invalid-argument', `${where} is not what the import expected`);
    case undefined:
    default:
      return error;
  }
};

export const modelHandlers = (ctx: ApiContext): Handlers<Channels> => ({
  'models:local': async (_arg, session) => {
    const { state } = await ctx.readable(session);
    const store = ctx.runner().store;
    const imported = await store.list();
    // What lies on the host's disk beyond the statuses (files, unregistered imports): the host's.
    const local = async (here: Manifest) => ({
      imported: here.imported,
      bytes: here.files.reduce((n, f) => n + f.size, 0),
      ...(session.host && { files: here.files }),
      ...(await taskOfImport(store, here).then((task) => task && { task })),
    });
    const models: LocalModelStatus[] = [];
    for (const view of state.models) {
      for (const { version, files } of view.versions) {
        const here = imported.find((m) => m.model === view.slug && m.version === version);
        const check = await checkRunnable(state, store, view.slug, version, { rehash: false });
        models.push({
          model: view.slug,
          version,
          status: check.runnable
            ? 'runnable'
            : check.reason === 'not-registered'
              ? 'not-imported'
              : check.reason,
          ...(!check.runnable && { message: check.message }),
          ...(here && (await local(here))),
          ...(await filesHereOf(store, files)),
          approved: view.approvals.some((a) => a.version === version),
        });
      }
    }
    if (session.host) {
      const registered = (m: Manifest) =>
        state.models.some(
          (v) => v.slug === m.model && v.versions.some((x) => x.version === m.version),
        );
      for (const here of imported.filter((m) => !registered(m)))
        models.push({
          model: here.model,
          version: here.version,
          status: 'not-registered',
          message: `${here.model}@${here.version} is imported here but the group has not registered it`,
          ...(await local(here)),
        });
    }
    return { models };
  },
  'models:import': async (arg, session) => {
    ctx.requireHost(session);
    const run = trackRun(ctx, arg.runId, session);
    try {
      const manifest = await ctx.runner().store.import(arg.dir, {
        model: arg.model,
        version: arg.version,
        now: ctx.now(),
        signal: run.signal,
        onProgress: (p) => ctx.emit('models:onDidProgress', { runId: arg.runId, ...p }, session.id),
      });
      return { model: manifest.model, version: manifest.version, files: manifest.files };
    } catch (error) {
      throw unreadable(error, arg.dir);
    } finally {
      run.done();
    }
  },
  'models:verify': async (arg, session) => {
    // It re-hashes every file on the host's disk: the host's own client alone asks for that.
    ctx.requireHost(session);
    const { state } = await ctx.snapshot();
    const store = ctx.runner().store;
    const [manifest] = await store.find(arg.model, arg.version);
    const record = recordOf(state, arg.model, arg.version);
    if (!manifest)
      return {
        model: arg.model,
        version: arg.version,
        ok: false,
        mismatched: [],
        missing: record.map((f) => f.path),
        extra: [],
      };
    return verifyAgainst(store, manifest, record);
  },
  'models:run': async (arg, session) => {
    ctx.requireHost(session);
    const run = trackRun(ctx, arg.runId, session);
    try {
      const { state } = await ctx.snapshot();
      const ran = await ctx.runner().run(
        state,
        session.signer,
        { model: arg.model, ...(arg.version !== undefined && { version: arg.version }) },
        {
          task: arg.task,
          input: arg.input,
          options: arg.maxNewTokens !== undefined ? { maxNewTokens: arg.maxNewTokens } : {},
        },
        {
          via: 'app',
          signal: run.signal,
          onToken: (text) => ctx.emit('models:onDidToken', { runId: arg.runId, text }, session.id),
          onProgress: (p) =>
            ctx.emit('models:onDidProgress', { runId: arg.runId, ...p }, session.id),
        },
      );
      return { model: ran.model, version: ran.version, ...ran.result };
    } finally {
      run.done();
    }
  },
  'models:eval': async (arg, session) => {
    ctx.requireHost(session);
    const dataset = parseDataset(arg.datasetName, Buffer.from(arg.dataset, 'utf8'));
    // Refused before the run, not after it: a long evaluation should not end in a refusal.
    if (arg.proposal !== undefined) await loadAsMember(ctx.writer(session));
    const run = trackRun(ctx, arg.runId, session);
    try {
      const { state } = await ctx.snapshot();
      const runner = ctx.runner();
      await runner.store.keepDataset(dataset.sha256, Buffer.from(arg.dataset, 'utf8'));
      const evaluation = await evaluate(
        runner,
        state,
        session.signer,
        {
          model: arg.model,
          ...(arg.version !== undefined && { version: arg.version }),
          task: arg.task,
          dataset,
          via: 'app',
        },
        {
          signal: run.signal,
          onItem: (p) =>
            ctx.emit(
              'models:onDidItem',
              { runId: arg.runId, done: p.done, total: p.total },
              session.id,
            ),
        },
      );
      const evidence =
        arg.proposal !== undefined
          ? await attachEvidence(ctx.writer(session), {
              ...evidenceOf(evaluation),
              proposal: arg.proposal,
            })
          : undefined;
      if (evidence) await ctx.changed();
      return {
        model: evaluation.model,
        version: evaluation.version,
        dataset: evaluation.dataset,
        metrics: evaluation.metrics,
        outputs: evaluation.outputs,
        items: evaluation.items,
        ...(evidence && { evidence: { id: evidence.id, proposal: evidence.proposal } }),
      };
    } finally {
      run.done();
    }
  },
  'models:cancel': (arg, session) => {
    const run = ctx.runs.get(arg.runId);
    if (!run || run.session !== session.id) return Promise.resolve({ cancelled: false });
    run.controller.abort();
    return Promise.resolve({ cancelled: true });
  },
});

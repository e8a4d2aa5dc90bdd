/**
 * Running a model the group approved: the version resolved against the ledger, its files checked
 * (runnable.ts), the run on the model's worker (runtime.ts), and one line in the run log, whatever
 * the outcome.
 */
import { join } from 'node:path';
import { messageOf, StewardError } from '../../../shared/errors';
import type { DerivedState } from '../../../shared/derive/state';
import type { Identity } from '../identity/keystore';
import type { RunRequest, RunResult, VerifiedFile } from './inference';
import { RunLog, type RunLogEntry } from './run-log';
import { runnableFiles } from './runnable';
import { ModelRuntime, type RunHandlers } from './runtime';
import { ModelStore } from './store';

export type Ran = { model: string; version: string; files: VerifiedFile[]; result: RunResult };

export class ModelRunner {
  readonly store: ModelStore;
  readonly log: RunLog;

  /** `home` is STEWARD_HOME: the store is `models/` in it, the log `models/run-log.jsonl`. */
  constructor(
    home: string,
    readonly runtime = new ModelRuntime(),
  ) {
    this.store = new ModelStore(join(home, 'models'));
    this.log = new RunLog(join(home, 'models', 'run-log.jsonl'));
  }

  /** The version asked for, else the latest registered version imported on this machine. */
  async resolveVersion(state: DerivedState, model: string, version?: string): Promise<string> {
    if (version !== undefined) return version;
    const view = state.models.find((m) => m.slug === model);
    if (!view)
      throw new StewardError('not-found', `the group has not registered a model "${model}"`);
    const imported = new Set(
      (await this.store.list()).filter((m) => m.model === model).map((m) => m.version),
    );
    const latest = [...view.versions].reverse().find((v) => imported.has(v.version));
    if (!latest) {
      throw new StewardError(
        'not-runnable',
        `no registered version of ${model} is imported here (registered: ${view.versions.map((v) => v.version).join(', ') || 'none'}; steward model import)`,
        { reason: 'not-imported' },
      );
    }
    return latest.version;
  }

  /** The files of a version that may run here; refuses with the reason otherwise. */
  files(state: DerivedState, model: string, version: string): Promise<VerifiedFile[]> {
    return runnableFiles(state, this.store, model, version);
  }

  /** Runs one request and logs it. `log` adds to the entry (an evaluation's item count). */
  async run(
    state: DerivedState,
    who: Identity | undefined,
    ref: { model: string; version?: string },
    request: RunRequest,
    handlers: RunHandlers & { via?: RunLogEntry['via'] } = {},
  ): Promise<Ran> {
    const version = await this.resolveVersion(state, ref.model, ref.version);
    const files = await this.files(state, ref.model, version);
    const started = performance.now();
    const entry = (outcome: RunLogEntry['outcome'], error?: unknown): RunLogEntry => ({
      at: new Date().toISOString(),
      ...(who ? { member: { id: who.id, name: who.name } } : {}),
      model: ref.model,
      version,
      files: files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      task: request.task,
      via: handlers.via ?? 'run',
      outcome,
      ms: Math.round(performance.now() - started),
      inputChars: request.input.length,
      ...(error ? { error: messageOf(error) } : {}),
    });
    let result: RunResult;
    try {
      result = await this.runtime.run(`${ref.model}@${version}`, files, request, handlers);
    } catch (error) {
      const outcome =
        error instanceof StewardError && error.code === 'cancelled' ? 'cancelled' : 'failed';
      await this.log.append(entry(outcome, error));
      throw error;
    }
    const stopped = result.task === 'text-generation' && result.stopped === 'cancelled';
    await this.log.append(entry(stopped ? 'cancelled' : 'ok'));
    return { model: ref.model, version, files, result };
  }

  close(): Promise<void> {
    return this.runtime.close();
  }
}

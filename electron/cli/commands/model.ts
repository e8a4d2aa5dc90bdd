/**
 * steward model import | list | verify | remove: the local model store under STEWARD_HOME; run,
 * eval, reproduce and log are in model-run.ts; fetch, push and export in model-fetch.ts.
 */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseModelRef } from '../../core/models/model-files';
import { ModelStore, type Manifest } from '../../core/models/store';
import { checkRunnable } from '../../core/models/runnable';
import { recordOf, verifyAgainst, type Verification } from '../../core/models/verify';
import { bold, dim, green, red, table } from '../output';
import { propose } from '../../core/governance/propose';
import { collect } from '../args';
import { bytesProgress, mb } from '../progress';
import { actionContext, loadState, type Opts, type Run, type Runtime } from '../runtime';
import { registerModelEval } from './model-eval';
import { registerModelTransfer } from './model-fetch';
import { interruptible, registerModelRun } from './model-run';
import { paramsFor } from './propose';

export const storeOf = (rt: Runtime): ModelStore =>
  new ModelStore(join(rt.env.keystore.home, 'models'));

/** Opens the proposal recording an imported version: add-version, or register-model if new. */
const proposeRecord = async (rt: Runtime, opts: Opts, manifest: Manifest) => {
  const ctx = await actionContext(rt);
  const { state } = await ctx.ledger.load(ctx.now);
  const known = state.models.some((m) => m.slug === manifest.model);
  const kind = known ? 'add-version' : 'register-model';
  const params = paramsFor(
    kind,
    {
      ...opts,
      model: manifest.model,
      version: manifest.version,
      file: manifest.files.map((f) => `${f.path}=${f.sha256}`),
    },
    state,
  );
  const title =
    opts.title !== undefined
      ? String(opts.title)
      : `${known ? 'Add version' : 'Register'} ${manifest.model}@${manifest.version}`;
  const result = await propose(ctx, { kind, title, body: '', params });
  return { id: result.id, kind, deadline: result.deadline, commit: result.commit };
};

export const registerModel = (program: Command, run: Run): void => {
  const model = program
    .command('model')
    .description('the local model store: import, verify, run, evaluate');
  model
    .command('import')
    .description('import a model folder (Hugging Face layout: config, tokenizer, onnx/)')
    .argument('<dir>')
    .option('--model <slug>', "the model's slug (default: the folder's name)")
    .option('--version <v>', 'the version (default: 1)')
    .option(
      '--propose',
      'also open the proposal that records it: add-version if the group has the model, else register-model',
    )
    .option('--title <text>', "--propose: the proposal's title")
    .option('--name <name>', "--propose, register-model: the model's name")
    .option('--license <spdx>', '--propose, register-model: its SPDX licence')
    .option(
      '--owner <member=shares>',
      '--propose, register-model: an initial owner (repeatable)',
      collect,
    )
    .action(
      run(async (rt, opts, [dir]) => {
        const progress = bytesProgress(rt.out.json);
        const started = performance.now();
        // The first Ctrl-C stops the import and keeps nothing of it (exit 130).
        const stop = interruptible();
        let manifest;
        try {
          manifest = await storeOf(rt).import(resolve(dir!), {
            ...(opts.model !== undefined ? { model: String(opts.model) } : {}),
            ...(opts.version !== undefined ? { version: String(opts.version) } : {}),
            now: rt.env.now(),
            signal: stop.signal,
            ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
          });
        } finally {
          stop.release();
          progress.done();
        }
        const seconds = (performance.now() - started) / 1000;
        const proposal = opts.propose ? await proposeRecord(rt, opts, manifest) : undefined;
        const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
        const speed = Number(mb(bytes / Math.max(seconds, 0.001)));
        rt.out.result(
          { ...manifest, bytes, seconds, mbPerSecond: speed, ...(proposal ? { proposal } : {}) },
          () =>
            [
              `Imported ${bold(`${manifest.model}@${manifest.version}`)}: ${manifest.files.length} files, ${mb(bytes)} MB at ${speed} MB/s`,
              table(
                ['FILE', 'SHA-256', 'MB'],
                manifest.files.map((f) => [f.path, f.sha256, mb(f.size)]),
              ),
              proposal
                ? `Opened ${proposal.kind} ${proposal.id.slice(0, 12)}, open for votes until ${proposal.deadline}`
                : dim('Register it: steward propose register-model --model ' + manifest.model) +
                  dim(` --version ${manifest.version} ... `) +
                  dim(manifest.files.map((f) => `--file ${f.path}=${f.sha256}`).join(' ')),
            ].join('\n'),
        );
      }),
    );
  model
    .command('list')
    .description('list the imported models')
    .action(
      run(async (rt) => {
        const all = await storeOf(rt).list();
        rt.out.result(all, () =>
          all.length === 0
            ? dim('no models imported')
            : table(
                ['MODEL', 'VERSION', 'FILES', 'MB', 'IMPORTED'],
                all.map((m) => [
                  m.model,
                  m.version,
                  String(m.files.length),
                  mb(m.files.reduce((n, f) => n + f.size, 0)),
                  m.imported,
                ]),
              ),
        );
      }),
    );
  model
    .command('verify')
    .description("re-hash an imported model against the group's record of it")
    .argument('<model[@version]>')
    .action(
      run(async (rt, _opts, [ref]) => {
        const { model: slug, version } = parseModelRef(ref!);
        const store = storeOf(rt);
        const { state } = await loadState(rt);
        const results: (Verification & { runnable: boolean; reason?: string })[] = [];
        for (const m of await store.find(slug, version)) {
          recordOf(state, m.model, m.version);
          // The files against the record, and whether this version may run here at all.
          const check = await checkRunnable(state, store, m.model, m.version);
          const verification =
            check.verification ??
            (await verifyAgainst(store, m, recordOf(state, m.model, m.version)));
          results.push({
            ...verification,
            runnable: check.runnable,
            ...(check.runnable ? {} : { reason: check.message }),
          });
        }
        if (results.some((r) => !r.ok)) process.exitCode = 1;
        rt.out.result(version ? results[0] : results, () =>
          results
            .map((r) =>
              [
                `${bold(`${r.model}@${r.version}`)}: ${r.ok ? green('matches the record') : red('does not match the record')}`,
                r.runnable ? green('  runnable here') : red(`  not runnable: ${r.reason ?? ''}`),
                ...r.mismatched.map((m) =>
                  red(`  changed  ${m.path}: ${m.actual} (recorded ${m.expected})`),
                ),
                ...r.missing.map((p) => red(`  missing  ${p}`)),
                ...r.extra.map((p) => red(`  extra    ${p}`)),
              ].join('\n'),
            )
            .join('\n'),
        );
      }),
    );
  model
    .command('remove')
    .description('remove an imported model (one version, or all) and the files nothing else uses')
    .argument('<model[@version]>')
    .action(
      run(async (rt, _opts, [ref]) => {
        const { model: slug, version } = parseModelRef(ref!);
        const { removed, freed } = await storeOf(rt).remove(slug, version);
        rt.out.result(
          { removed: removed.map((m) => `${m.model}@${m.version}`), freed },
          () =>
            `Removed ${removed.map((m) => `${m.model}@${m.version}`).join(', ')}; freed ${mb(freed)} MB`,
        );
      }),
    );
  registerModelRun(model, run);
  registerModelEval(model, run);
  registerModelTransfer(model, run);
};

/** steward model eval | reproduce: evaluating a model over a dataset, signed as evidence, and re-run. */
import { writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import { attachEvidence } from '../../core/governance/evidence';
import { findEvidence, findProposal } from '../../core/governance/resolve';
import { parseDataset, readDataset, type Dataset } from '../../core/models/dataset';
import { evaluate, type Evaluation, type ItemResult } from '../../core/models/eval';
import { evidenceOf, reproduce } from '../../core/models/reproduce';
import { tasks } from '../../core/models/inference';
import { ModelRunner } from '../../core/models/runner';
import { parseModelRef } from '../../core/models/model-files';
import { bold, dim, green, red, table } from '../output';
import { actionContext, loadState, type Run, type Runtime } from '../runtime';
import {
  interruptible,
  loadingBar,
  runOptionFlags,
  runOptions,
  taskOf,
  whoRuns,
} from './model-run';

/** Items done, on stderr, on a terminal only. */
const itemsBar = (json: boolean, total: number) => {
  if (json || !process.stderr.isTTY) return { onItem: undefined, done: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: 'evaluating {bar} {value}/{total} items',
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let shown = false;
  return {
    onItem: ({ done }: { done: number }) => {
      if (!shown) bar.start(total, 0);
      shown = true;
      bar.update(done);
    },
    done: () => {
      if (shown) bar.stop();
    },
  };
};

const clip = (text: string, width = 40): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
};

/** An item's output in one cell: the text, the top label, or the vector's size. */
const shown = (output: unknown): string => {
  if (typeof output === 'string') return clip(output);
  if (Array.isArray(output) && output.length > 0 && typeof output[0] === 'object') {
    const top = output[0] as { label: string; score: number };
    return `${top.label} (${top.score.toFixed(3)})`;
  }
  if (Array.isArray(output)) return `[${output.length}]`;
  return clip(JSON.stringify(output));
};

const itemTable = (items: ItemResult[]): string =>
  table(
    ['#', 'INPUT', 'EXPECTED', 'OUTPUT', 'OK', 'MS'],
    items.map((item, i) => [
      String(i + 1),
      clip(item.input),
      item.expected === undefined
        ? dim('-')
        : typeof item.expected === 'string'
          ? clip(item.expected, 24)
          : Array.isArray(item.expected)
            ? `[${item.expected.length}]`
            : clip(JSON.stringify(item.expected), 24),
      shown(item.output),
      item.correct === undefined ? dim('-') : item.correct ? green('yes') : red('no'),
      item.ms.toFixed(1),
    ]),
  );

const metricsLine = (metrics: Record<string, number>): string =>
  Object.entries(metrics)
    .map(([name, value]) => `${name} ${Number.isInteger(value) ? value : value.toFixed(4)}`)
    .join(' · ');

/** The dataset a reproduction runs on: the file given (checked by hash) or the one kept here. */
const datasetFor = async (
  runner: ModelRunner,
  file: string | undefined,
  expected: { sha256: string; name?: string },
): Promise<Dataset> => {
  if (file !== undefined) {
    const read = await readDataset(file);
    await runner.store.keepDataset(read.sha256, read.bytes);
    return read;
  }
  const bytes = await runner.store.dataset(expected.sha256);
  if (!bytes) {
    throw new StewardError(
      'not-found',
      `the dataset ${expected.name ?? ''} (sha256 ${expected.sha256.slice(0, 12)}…) is not kept on this machine: give it with --data FILE`,
      { sha256: expected.sha256 },
    );
  }
  return parseDataset(expected.name ?? expected.sha256, bytes);
};

const runnerOf = (rt: Runtime): ModelRunner => new ModelRunner(rt.env.keystore.home);

export const registerModelEval = (model: Command, run: Run): void => {
  runOptionFlags(
    model
      .command('eval')
      .description(
        'evaluate a model over a JSONL dataset ({"input", "expected"} per line); --proposal signs the result as evidence',
      )
      .argument('<model[@version]>')
      .requiredOption('--data <file>', 'the dataset, JSON lines')
      .requiredOption('--task <task>', tasks.join(' | '))
      .option('--proposal <id>', 'sign the result as evidence on this proposal')
      .option('--note <text>', 'with --proposal: a note recorded with the evidence')
      .option('--out <file>', 'also write the whole evaluation, every item, as JSON'),
  ).action(
    run(async (rt, opts, [ref]) => {
      const task = taskOf(opts.task);
      const options = runOptions(opts);
      const { model, version } = parseModelRef(ref!);
      const dataset = await readDataset(String(opts.data));
      const proposal = opts.proposal === undefined ? undefined : String(opts.proposal);
      // Unlock and find the proposal first: a long evaluation should not end in a refusal.
      const ctx = proposal === undefined ? undefined : await actionContext(rt);
      const { state } = await loadState(rt, ctx?.ledger);
      if (proposal !== undefined) findProposal(state, proposal);
      const runner = runnerOf(rt);
      await runner.store.keepDataset(dataset.sha256, dataset.bytes);
      const loading = loadingBar(rt.out.json);
      const items = itemsBar(rt.out.json, dataset.items.length);
      const stop = interruptible();
      let evaluation: Evaluation;
      try {
        evaluation = await evaluate(
          runner,
          state,
          await whoRuns(rt),
          {
            model,
            ...(version !== undefined && { version }),
            task,
            dataset,
            options,
            ...(options.seed !== undefined && { seed: options.seed }),
            via: 'eval',
          },
          {
            signal: stop.signal,
            ...(loading.onProgress && { onProgress: loading.onProgress }),
            onItem: (p) => {
              loading.done();
              items.onItem?.(p);
            },
          },
        );
      } finally {
        loading.done();
        items.done();
        stop.release();
        await runner.close();
      }
      if (opts.out !== undefined)
        await writeFile(String(opts.out), `${JSON.stringify(evaluation, null, 2)}\n`);
      const signed =
        ctx && proposal !== undefined
          ? await attachEvidence(ctx, {
              ...evidenceOf(evaluation, opts.note === undefined ? undefined : String(opts.note)),
              proposal,
            })
          : undefined;
      rt.out.result({ ...evaluation, ...(signed && { evidence: signed }) }, () =>
        [
          itemTable(evaluation.items),
          '',
          `${bold(`${evaluation.model}@${evaluation.version}`)} on ${evaluation.dataset.name}: ${metricsLine(evaluation.metrics)}`,
          dim(`outputs ${evaluation.outputs.slice(0, 16)}… · seed ${evaluation.seed}`),
          signed
            ? `Signed evidence ${bold(signed.id.slice(0, 12))} on proposal ${signed.proposal.slice(0, 12)} (commit ${signed.commit.slice(0, 7)})`
            : dim('not signed: --proposal ID records it as evidence on a proposal'),
        ].join('\n'),
      );
    }),
  );

  model
    .command('reproduce')
    .description(
      'run an evidence statement’s evaluation again here and say whether the outputs hash the same',
    )
    .argument('<evidence>', 'the evidence statement (id or unique prefix)')
    .option('--data <file>', 'the dataset, if this machine does not keep it already')
    .action(
      run(async (rt, opts, [id]) => {
        const { state } = await loadState(rt);
        const found = findEvidence(state, id!);
        const runner = runnerOf(rt);
        const dataset = await datasetFor(
          runner,
          opts.data === undefined ? undefined : String(opts.data),
          found.evidence.dataset,
        );
        const loading = loadingBar(rt.out.json);
        const items = itemsBar(rt.out.json, dataset.items.length);
        const stop = interruptible();
        try {
          const result = await reproduce(runner, state, await whoRuns(rt), found, dataset, {
            signal: stop.signal,
            ...(loading.onProgress && { onProgress: loading.onProgress }),
            onItem: (p) => {
              loading.done();
              items.onItem?.(p);
            },
          });
          loading.done();
          items.done();
          if (!result.same) process.exitCode = 1;
          rt.out.result(result, () => {
            const head = `${result.model}@${result.version} · evidence ${result.evidence.slice(0, 12)} on proposal ${result.proposal.slice(0, 12)}`;
            if (result.files.length > 0) {
              return [
                head,
                red('not reproducible here: the files differ from those the evidence ran on'),
                ...result.files.map(
                  (f) =>
                    `  ${f.path}: evidence ${f.evidence?.slice(0, 12) ?? 'none'}, here ${f.here?.slice(0, 12) ?? 'none'}`,
                ),
              ].join('\n');
            }
            return [
              head,
              result.same
                ? green(`the outputs hash the same (${result.outputs.recorded.slice(0, 16)}…)`)
                : red(
                    `the outputs differ: recorded ${result.outputs.recorded.slice(0, 16)}…, here ${result.outputs.reproduced?.slice(0, 16)}…`,
                  ),
              `recorded:   ${metricsLine(result.metrics.recorded)} · ${result.runtime.recorded.library}`,
              `reproduced: ${metricsLine(result.metrics.reproduced ?? {})} · ${result.runtime.reproduced.library}`,
            ].join('\n');
          });
        } finally {
          loading.done();
          items.done();
          stop.release();
          await runner.close();
        }
      }),
    );
};

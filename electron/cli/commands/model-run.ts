/** steward model run | log: running approved models, and this machine's run log. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import type { Identity } from '../../core/identity/keystore';
import { tasks, type LoadProgress, type RunOptions, type Task } from '../../core/models/inference';
import { ModelRunner } from '../../core/models/runner';
import { parseModelRef } from '../../core/models/model-files';
import { bold, dim, green, red, table } from '../output';
import { bytesProgress } from '../progress';
import { loadState, type Opts, type Run, type Runtime } from '../runtime';

const runnerOf = (rt: Runtime): ModelRunner => new ModelRunner(rt.env.keystore.home);

/** Who is running: this machine's identity, if it has one (no passphrase needed to name it). */
export const whoRuns = async (rt: Runtime): Promise<Identity | undefined> =>
  (await rt.env.keystore.exists()) ? rt.env.keystore.show() : undefined;

export const taskOf = (value: unknown): Task => {
  const task = tasks.find((t) => t === value);
  if (!task) {
    throw new StewardError(
      'invalid-argument',
      `--task must be one of ${tasks.join(', ')} (got ${JSON.stringify(value ?? '')})`,
    );
  }
  return task;
};

const positiveInt = (name: string, value: unknown): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new StewardError('invalid-argument', `${name} must be a whole number ≥ 0`);
  return n;
};

/** Run options from the command line, each checked. */
export const runOptions = (opts: Opts): RunOptions => {
  const options: RunOptions = {};
  const maxNewTokens = positiveInt('--max-new-tokens', opts.maxNewTokens);
  if (maxNewTokens !== undefined) {
    if (maxNewTokens < 1)
      throw new StewardError('invalid-argument', '--max-new-tokens must be at least 1');
    options.maxNewTokens = maxNewTokens;
  }
  const seed = positiveInt('--seed', opts.seed);
  if (seed !== undefined) options.seed = seed;
  if (opts.sample) options.doSample = true;
  if (opts.temperature !== undefined) {
    const t = Number(opts.temperature);
    if (!(t > 0)) throw new StewardError('invalid-argument', '--temperature must be above 0');
    options.temperature = t;
  }
  const topK = positiveInt('--top-k', opts.topK);
  if (topK !== undefined) options.topK = topK;
  if (opts.pooling !== undefined) {
    if (opts.pooling !== 'mean' && opts.pooling !== 'cls' && opts.pooling !== 'none')
      throw new StewardError('invalid-argument', '--pooling must be mean, cls or none');
    options.pooling = opts.pooling;
  }
  if (opts.normalize === false) options.normalize = false;
  return options;
};

/** Bytes read and checked while a model loads, as one bar over every file. */
export const loadingBar = (json: boolean) => {
  const bar = bytesProgress(json, 'loading');
  const seen = new Map<string, LoadProgress>();
  return {
    onProgress: bar.onProgress
      ? (p: LoadProgress) => {
          seen.set(p.file, p);
          const all = [...seen.values()];
          bar.onProgress({
            file: p.file,
            bytes: all.reduce((n, f) => n + f.bytes, 0),
            total: all.reduce((n, f) => n + f.total, 0),
          });
        }
      : undefined,
    done: bar.done,
  };
};

/** An AbortSignal fired by the first Ctrl-C; a second one ends the process as usual. */
export const interruptible = (): { signal: AbortSignal; release: () => void } => {
  const controller = new AbortController();
  const onInt = (): void => {
    process.stderr.write(dim('\nstopping… (Ctrl-C again to quit at once)\n'));
    controller.abort();
    process.removeListener('SIGINT', onInt);
  };
  process.on('SIGINT', onInt);
  return { signal: controller.signal, release: () => process.removeListener('SIGINT', onInt) };
};

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export const runOptionFlags = (command: Command): Command =>
  command
    .option('--max-new-tokens <n>', 'text-generation: tokens to generate at most (default 64)')
    .option('--sample', 'text-generation: sample instead of taking the likeliest token')
    .option('--temperature <t>', 'text-generation with --sample: the temperature')
    .option('--top-k <k>', 'text-generation with --sample: sample among the k likeliest')
    .option('--seed <n>', 'seed for sampling, so that a run repeats exactly')
    .option('--pooling <how>', 'feature-extraction: mean (default), cls or none')
    .option('--no-normalize', 'feature-extraction: keep the vector as it is, not unit length');

export const registerModelRun = (model: Command, run: Run): void => {
  runOptionFlags(
    model
      .command('run')
      .description('run a model the group approved (streams generated text)')
      .argument('<model[@version]>')
      .requiredOption('--task <task>', tasks.join(' | '))
      .option('--input <text>', 'the input text (default: read from stdin)'),
  ).action(
    run(async (rt, opts, [ref]) => {
      const task = taskOf(opts.task);
      const options = runOptions(opts);
      const { model, version } = parseModelRef(ref!);
      let input = opts.input as string | undefined;
      if (input === undefined) {
        if (process.stdin.isTTY)
          throw new StewardError(
            'invalid-argument',
            'give the input with --input TEXT or on stdin',
          );
        input = await readStdin();
      }
      const { state } = await loadState(rt);
      const runner = runnerOf(rt);
      const loading = loadingBar(rt.out.json);
      const stop = interruptible();
      let streamed = false;
      try {
        const ran = await runner.run(
          state,
          await whoRuns(rt),
          { model, ...(version !== undefined && { version }) },
          { task, input, options },
          {
            signal: stop.signal,
            ...(loading.onProgress && { onProgress: loading.onProgress }),
            onToken: (text) => {
              if (rt.out.json) return;
              if (!streamed) loading.done();
              streamed = true;
              process.stdout.write(text);
            },
          },
        );
        loading.done();
        const { result } = ran;
        if (result.task === 'text-generation' && result.stopped === 'cancelled')
          process.exitCode = 130;
        rt.out.result({ model: ran.model, version: ran.version, ...result }, () => {
          switch (result.task) {
            case 'text-generation':
              return [
                streamed ? '' : result.text,
                dim(
                  `${ran.model}@${ran.version} · ${result.tokens} tokens in ${(result.ms / 1000).toFixed(2)} s · ${result.stopped === 'eos' ? 'finished' : result.stopped === 'length' ? 'stopped at --max-new-tokens' : 'cancelled'}`,
                ),
              ].join('\n');
            case 'text-classification':
              return table(
                ['LABEL', 'SCORE'],
                result.labels.map((l) => [l.label, l.score.toFixed(4)]),
              );
            case 'feature-extraction': {
              const flat = result.embedding.flat();
              return [
                `${bold(`[${result.dims.join(' × ')}]`)} ${flat
                  .slice(0, 8)
                  .map((x) => x.toFixed(4))
                  .join(' ')}${flat.length > 8 ? ' …' : ''}`,
                dim(
                  `${ran.model}@${ran.version} · ${result.ms.toFixed(1)} ms · --json for the whole vector`,
                ),
              ].join('\n');
            }
          }
        });
      } finally {
        loading.done();
        stop.release();
        await runner.close();
      }
    }),
  );

  model
    .command('log')
    .description("this machine's run log: who ran which model version, with which files, when")
    .option('--model <model[@version]>', 'only runs of this model (or version)')
    .option('--limit <n>', 'only the last n runs')
    .option('--export <file>', 'also write the runs shown as JSON lines to a file, to share')
    .action(
      run(async (rt, opts) => {
        let entries = await runnerOf(rt).log.read();
        if (opts.model !== undefined) {
          const { model, version } = parseModelRef(String(opts.model));
          entries = entries.filter(
            (e) => e.model === model && (version === undefined || e.version === version),
          );
        }
        const limit = positiveInt('--limit', opts.limit);
        if (limit !== undefined) entries = entries.slice(Math.max(0, entries.length - limit));
        if (opts.export !== undefined) {
          await writeFile(
            String(opts.export),
            entries.map((e) => `${JSON.stringify(e)}\n`).join(''),
          );
        }
        rt.out.result(entries, () =>
          entries.length === 0
            ? dim('no runs logged on this machine')
            : table(
                ['WHEN', 'WHO', 'MODEL', 'TASK', 'VIA', 'OUTCOME', 'MS', 'FILES'],
                entries.map((e) => [
                  e.at,
                  e.member?.name ?? dim('(no identity)'),
                  `${e.model}@${e.version}`,
                  e.task,
                  e.via + (e.items !== undefined ? ` (${e.items} items)` : ''),
                  e.outcome === 'ok' ? green('ok') : red(e.outcome),
                  String(e.ms),
                  e.files.map((f) => `${f.path}=${f.sha256.slice(0, 8)}`).join(' '),
                ]),
              ),
        );
      }),
    );
};

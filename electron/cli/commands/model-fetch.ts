/**
 * steward model fetch | push | export: a registered version's files moved by hash, over Git LFS
 * (a peer's `steward serve`, a forge's LFS storage) or through a folder in LFS's layout.
 */
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import { exportVersion } from '../../core/lfs/export';
import { fetchVersion } from '../../core/lfs/fetch';
import { pushVersion } from '../../core/lfs/push';
import { sourcesFor } from '../../core/lfs/sources';
import type { FetchResult } from '../../core/lfs/types';
import { parseModelRef } from '../../core/models/model-files';
import { bold, dim, green, red, table } from '../output';
import { bytesWords } from '../../../shared/format/byte-words';
import { loadState, openLedger, type Run, type Runtime } from '../runtime';
import { transferProgress } from '../transfer-progress';
import { interruptible } from './model-run';
import { storeOf } from './model';
import { authOf } from './sync';

/** SLUG@VERSION, with the version required: a fetch moves the bytes of one exact version. */
export const versionRef = (ref: string): { model: string; version: string } => {
  const { model, version } = parseModelRef(ref);
  if (version === undefined)
    throw new StewardError('invalid-argument', `${ref}: name the version, as in ${model}@1.0`);
  return { model, version };
};

/** Runs `work` with Ctrl-C stopping it and a progress bar, both released however it ends. */
const withTransfer = async <T>(
  rt: Runtime,
  verb: string,
  work: (
    signal: AbortSignal,
    onProgress?: Parameters<typeof fetchVersion>[0]['onProgress'],
  ) => Promise<T>,
): Promise<T> => {
  const progress = transferProgress(rt.out.json, verb);
  const stop = interruptible();
  try {
    return await work(stop.signal, progress.onProgress);
  } finally {
    stop.release();
    progress.done();
  }
};

const describeFetch = (r: FetchResult): string => {
  const missing = r.files.filter((f) => f.status === 'missing');
  const name = bold(`${r.model}@${r.version}`);
  const head =
    missing.length === 0
      ? green(`${name}: all ${r.files.length} files here`) +
        ` (${r.fetched} fetched, ${bytesWords(r.bytes)})`
      : red(`${name}: ${missing.length} of ${r.files.length} files still missing`);
  return [
    head,
    table(
      ['FILE', 'STATUS', 'SIZE', 'FROM'],
      r.files.map((f) => [
        f.path,
        f.status,
        f.size === null ? '?' : bytesWords(f.size),
        f.source ?? '',
      ]),
    ),
    ...r.refused.map((x) => red(`  refused: ${x.path}: ${x.reason}`)),
  ].join('\n');
};

export const registerModelTransfer = (model: Command, run: Run): void => {
  model
    .command('fetch')
    .description(
      "bring a registered version's missing files, verified by hash, from the group's remotes in turn or from one",
    )
    .argument('<model@version>')
    .option('--from <source>', 'a remote name, an http(s) URL (LFS), or a folder in LFS layout')
    .action(
      run(async (rt, opts, [ref]) => {
        const { model: slug, version } = versionRef(ref!);
        const ledger = await openLedger(rt);
        const { state } = await loadState(rt, ledger);
        const sources = await sourcesFor(
          ledger.repo,
          opts.from === undefined ? undefined : String(opts.from),
        );
        const result = await withTransfer(rt, 'fetching', (signal, onProgress) =>
          fetchVersion({
            store: storeOf(rt),
            state,
            model: slug,
            version,
            sources,
            auth: () => authOf(rt),
            now: rt.env.now(),
            signal,
            ...(onProgress ? { onProgress } : {}),
          }),
        );
        const missing = result.files.filter((f) => f.status === 'missing');
        if (missing.length > 0) {
          process.exitCode = 1;
          if (sources.length === 0 && !rt.out.json)
            process.stderr.write(
              dim('no remote to fetch from: steward remote add, or --from a URL or folder\n'),
            );
        }
        rt.out.result(result, () => describeFetch(result));
      }),
    );
  model
    .command('push')
    .description("upload a version's files to a remote's LFS storage (default: the first remote)")
    .argument('<model@version>')
    .argument('[remote]', 'a remote name, an http(s) URL, or a folder')
    .action(
      run(async (rt, _opts, [ref, remote]) => {
        const { model: slug, version } = versionRef(ref!);
        const ledger = await openLedger(rt);
        const { state } = await loadState(rt, ledger);
        const targets = await sourcesFor(ledger.repo, remote);
        // With no remote named: origin, as git pushes, else the first remote.
        const target = remote
          ? targets[0]
          : (targets.find((t) => t.name === 'origin') ?? targets[0]);
        if (!target)
          throw new StewardError('not-found', 'no remote to push to: steward remote add NAME URL');
        const result = await withTransfer(rt, 'pushing', (signal, onProgress) =>
          pushVersion({
            store: storeOf(rt),
            state,
            model: slug,
            version,
            target,
            auth: authOf(rt),
            signal,
            ...(onProgress ? { onProgress } : {}),
          }),
        );
        rt.out.result(
          result,
          () =>
            `Pushed ${bold(`${result.model}@${result.version}`)} to ${result.target}: ` +
            `${result.uploaded} uploaded (${bytesWords(result.bytes)}), ` +
            `${result.files.filter((f) => f.status === 'already-there').length} already there`,
        );
      }),
    );
  model
    .command('export')
    .description("write a version's files in Git LFS's layout (DIR/lfs/objects/…), for a USB stick")
    .argument('<model@version>')
    .argument('<dir>')
    .action(
      run(async (rt, _opts, [ref, dir]) => {
        const { model: slug, version } = versionRef(ref!);
        const { state } = await loadState(rt);
        const result = await withTransfer(rt, 'exporting', (signal, onProgress) =>
          exportVersion({
            store: storeOf(rt),
            state,
            model: slug,
            version,
            dir: dir!,
            signal,
            ...(onProgress ? { onProgress } : {}),
          }),
        );
        rt.out.result(
          result,
          () =>
            `Exported ${bold(`${result.model}@${result.version}`)} to ${result.dir}: ` +
            `${result.files.length} files, ${bytesWords(result.bytes)} written`,
        );
      }),
    );
};

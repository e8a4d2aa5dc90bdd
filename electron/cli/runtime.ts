/** What every command gets: the environment, the output, and the options shared by all. */
import type { Command } from 'commander';
import { StewardError } from '../../shared/errors';
import { Ledger } from '../core/ledger/ledger';
import type { Signer } from '../core/identity/keystore';
import { join } from 'node:path';
import type { ActionContext } from '../core/governance/context';
import { blobSizer } from '../core/models/blob-size';
import { ModelStore } from '../core/models/store';
import { cliEnv, unlock, type CliEnv } from './env';
import { makeOutput, type Output } from './output';
import { loadProgress } from './progress';
import { describeNoGenesis } from '../../shared/derive/no-genesis';

export type Runtime = { env: CliEnv; out: Output; repo: string };

export const runtimeOf = (command: Command, env: NodeJS.ProcessEnv): Runtime => {
  const opts = command.optsWithGlobals<{ repo?: string; json?: boolean }>();
  return { env: cliEnv(env), out: makeOutput(opts.json === true), repo: opts.repo ?? '.' };
};

export const openLedger = (rt: Runtime): Promise<Ledger> => Ledger.open(rt.repo);

export const actionContext = async (rt: Runtime): Promise<ActionContext & { signer: Signer }> => {
  const ledger = await openLedger(rt);
  let signer = await unlock(rt.env);
  const now = rt.env.now();
  const known = (await ledger.load(now)).state.members.find((m) => m.id === signer.id);
  // A rotation published by a process that stopped before putting the new key in place.
  if (
    known &&
    known.publicKey !== signer.publicKey &&
    (await rt.env.keystore.adoptPending(known.publicKey))
  ) {
    signer = await unlock(rt.env);
  }
  const store = new ModelStore(join(rt.env.keystore.home, 'models'));
  return { ledger, signer, now, sizeOf: blobSizer(store) };
};

export type Opts = Record<string, string | boolean | string[] | undefined>;
export type Work = (rt: Runtime, opts: Opts, args: string[]) => Promise<void>;
/** Wraps a command's work into a commander action. */
export type Run = (work: Work) => (...args: unknown[]) => Promise<void>;

export const makeRun =
  (env: NodeJS.ProcessEnv): Run =>
  (work) =>
  async (...args) => {
    const command = args[args.length - 1] as Command;
    const opts = args[args.length - 2] as Opts;
    await work(runtimeOf(command, env), opts, args.slice(0, -2) as string[]);
  };

/**
 * Loads the ledger's state, with a progress bar on a terminal. Unless `anyState`, a repo without a
 * valid charter is an error, since there is no group to show.
 */
export const loadState = async (
  rt: Runtime,
  ledger?: Ledger,
  anyState = false,
  recheck = false,
) => {
  const progress = loadProgress(rt.out.json);
  let loaded;
  try {
    loaded = await (ledger ?? (await openLedger(rt))).load(rt.env.now(), {
      onProgress: progress.onProgress,
      recheck,
    });
  } finally {
    progress.done();
  }
  if (!anyState && !loaded.state.group) {
    throw new StewardError('not-a-repo', describeNoGenesis(loaded.state));
  }
  return loaded;
};

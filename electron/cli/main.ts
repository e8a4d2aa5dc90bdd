/** The `steward` command line. */
import { Command, CommanderError } from 'commander';
import { isStewardError, StewardError } from '../../shared/errors';
import { registerDecide } from './commands/decide';
import { registerIdentity } from './commands/identity';
import { registerInit } from './commands/init';
import { registerPropose } from './commands/propose';
import { registerModel } from './commands/model';
import { registerRead } from './commands/read';
import { registerServe } from './commands/serve';
import { registerApp } from './commands/app';
import { registerCredential, registerSync } from './commands/sync';
import { printError } from './output';
import { makeRun } from './runtime';

export const main = async (
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> => {
  const json = argv.includes('--json');
  // A command sets exitCode for a non-error failure (verify --strict); start each run without one.
  process.exitCode = undefined;
  const program = new Command('steward')
    .description('Steward: a group governs the AI models it runs, in a plain git repo')
    .option('--repo <dir>', 'the governance repo', '.')
    .option('--json', 'machine-readable output on stdout')
    .showHelpAfterError()
    .exitOverride();
  if (json) program.configureOutput({ writeErr: () => undefined });
  const run = makeRun(env);
  registerIdentity(program, run);
  registerInit(program, run);
  registerPropose(program, run);
  registerDecide(program, run);
  registerRead(program, run);
  registerSync(program, run);
  registerCredential(program, run);
  registerServe(program, run);
  registerApp(program, run);
  registerModel(program, run);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      if (json)
        printError(
          new StewardError('invalid-argument', error.message.replace(/^error: /, '')),
          true,
        );
      return 2;
    }
    printError(error, json);
    // Stopped by the user (Ctrl-C), as a shell reports a command ended by SIGINT.
    return isStewardError(error) && error.code === 'cancelled' ? 130 : 1;
  }
};

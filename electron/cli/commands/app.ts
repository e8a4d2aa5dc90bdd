/** steward app: the desktop app in this machine's browser, where Electron cannot run. */
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import { serveApp } from '../../core/server/app-server';
import { bold, dim } from '../output';
import type { Run } from '../runtime';
import { APP_VERSION } from '../version';
import { demoBundle, hostToken, rendererDir, untilStopped } from './serve';

export const registerApp = (program: Command, run: Run): void => {
  program
    .command('app')
    .description("open the app in this machine's browser (where Electron's window cannot run)")
    .option('--port <n>', 'the port (default: a free one)', '0')
    .action(
      run(async (rt, opts) => {
        const renderer = rendererDir();
        if (!renderer)
          throw new StewardError('not-found', 'the app is not built yet: run `npm run build`');
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new StewardError('invalid-argument', `--port must be 0 to 65535`);
        const bundle = demoBundle();
        const token = hostToken();
        const served = await serveApp({
          hostToken: token,
          home: rt.env.keystore.home,
          version: APP_VERSION,
          renderer,
          port,
          ...(bundle && { demoBundle: bundle }),
        });
        // The link makes this browser the app's own; the bare address is read-only for others.
        const url = `${served.url}/host?token=${token}`;
        if (rt.out.json) process.stdout.write(`${JSON.stringify({ url })}\n`);
        else {
          // The bare link for a script reading it; a person at a terminal reads the line below.
          if (!process.stdout.isTTY) process.stdout.write(`${url}\n`);
          process.stderr.write(
            `Steward is open at ${bold(url)}\n${dim('  only this machine can reach it · Ctrl-C stops it\n')}`,
          );
        }
        await untilStopped(served);
      }),
    );
};

/**
 * steward serve: this repo over git smart HTTP, for peers' sync and the git CLI, and the app's UI
 * for browsers (a review session in one room, or a machine without Electron).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { StewardError } from '../../../shared/errors';
import { ModelStore } from '../../core/models/store';
import { serveRepo, type ServeEvent } from '../../core/server/serve';
import { sessionCode } from '../../core/server/session-code';
import { bold, dim } from '../output';
import { openLedger, type Run } from '../runtime';
import { APP_VERSION } from '../version';

/** A line of the server's log for `e`. */
export const describeEvent = (
  e: ServeEvent,
  name: (member: string) => string,
): string | undefined => {
  switch (e.type) {
    case 'fetch':
      return `fetch: ${e.objects} objects, ${e.bytes} bytes`;
    case 'push':
      return `push by ${name(e.member)}: ${e.outcome}, ${e.added.length} new file(s)`;
    case 'push-rejected':
      return `push by ${name(e.member)} refused: ${e.reason}`;
    case 'refused':
      return `${e.service} refused: ${e.reason}`;
    case 'lfs-download':
      return `lfs: sent ${e.oid.slice(0, 12)}, ${e.bytes} bytes${e.from > 0 ? ` from byte ${e.from}` : ''}${e.member ? ` to ${name(e.member)}` : ''}`;
    case 'lfs-upload':
      return `lfs: received ${e.oid.slice(0, 12)} from ${name(e.member)}, ${e.bytes} bytes, checked`;
    case 'lfs-refused': {
      const by = e.member ? ` by ${name(e.member)}` : '';
      if (e.count !== undefined && e.count > 1)
        return `lfs ${e.operation}${by} refused ${e.count} objects: ${e.reason} (first: ${e.oid ?? '?'})`;
      return `lfs ${e.operation}${e.oid ? ` of ${e.oid.slice(0, 12)}` : ''}${by} refused: ${e.reason}`;
    }
    case 'error':
      return `error: ${e.error instanceof Error ? e.error.message : String(e.error)}`;
  }
};

/** The built renderer beside the built CLI (out/renderer), if it was built. */
export const rendererDir = (): string | undefined => {
  const dir = fileURLToPath(new URL('../renderer', import.meta.url));
  return existsSync(`${dir}/index.html`) ? dir : undefined;
};

/** The demo group shipped in resources/, beside the built CLI's package. */
export const demoBundle = (): string | undefined => {
  const file = fileURLToPath(new URL('../../resources/demo/group.bundle', import.meta.url));
  return existsSync(file) ? file : undefined;
};

/**
 * The path under which the server also answers git and Git LFS: git-lfs finds the LFS endpoint of
 * a clone of `<url>/group` by itself (`<url>/group.git/info/lfs`), and of `<url>` not at all.
 */
export const CLONE_PATH = '/group';

/** Serves until Ctrl-C or SIGTERM, then closes the server before returning. */
export const untilStopped = (served: { close: () => Promise<void> }): Promise<void> =>
  new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void served.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/** The secret of the host's own browser link, new at every start. */
export const hostToken = (): string => randomBytes(24).toString('hex');

const isLoopbackHost = (host: string): boolean =>
  host === '127.0.0.1' || host === 'localhost' || host === '::1';

const port = (text: string | undefined): number => {
  if (text === undefined) return 0;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new StewardError('invalid-argument', `--port must be 0 to 65535, got "${text}"`);
  return n;
};

export const registerServe = (program: Command, run: Run): void => {
  program
    .command('serve')
    .description('serve this repo to peers and the git CLI over HTTP (members alone may push)')
    .option(
      '--host <address>',
      'the address to listen on (another than 127.0.0.1 opens it to the network)',
      '127.0.0.1',
    )
    .option('--port <n>', 'the port (default: a free one)')
    .option('--no-ui', 'serve the repo alone, not the app in the browser')
    .action(
      run(async (rt, opts) => {
        const ledger = await openLedger(rt);
        const host = String(opts.host);
        const renderer = opts.ui === false ? undefined : rendererDir();
        // A browser from another machine must give the code shown here: being on the room's
        // network is not enough.
        const token = opts.ui === false ? undefined : hostToken();
        const code =
          opts.ui === false || isLoopbackHost(host)
            ? undefined
            : (rt.env.sessionCode ?? sessionCode());
        // Members by name in the log; read again when someone unknown shows up (a new member).
        let names = new Map<string, string>();
        const lookup = async (member: string): Promise<void> => {
          if (names.has(member)) return;
          const { state } = await ledger.load(rt.env.now());
          names = new Map(state.members.map((m) => [m.id, m.name]));
        };
        const name = (member: string): string => names.get(member) ?? member.slice(0, 12);
        const served = await serveRepo({
          ledger,
          host,
          port: port(opts.port as string | undefined),
          models: new ModelStore(join(rt.env.keystore.home, 'models')),
          ...(opts.ui !== false && {
            ui: {
              home: rt.env.keystore.home,
              ...(demoBundle() && { demoBundle: demoBundle() }),
              version: APP_VERSION,
              ...(renderer && { renderer }),
              ...(code !== undefined && { code }),
              ...(token && { hostToken: token }),
              ...(rt.env.sessionIdleMs !== undefined && { idleMs: rt.env.sessionIdleMs }),
            },
          }),
          onEvent: (e) => {
            if (rt.out.json) {
              const { error, ...rest } = e as ServeEvent & { error?: unknown };
              const line =
                error === undefined
                  ? rest
                  : { ...rest, error: error instanceof Error ? error.message : 'unknown error' };
              process.stdout.write(`${JSON.stringify({ event: line })}\n`);
            } else {
              const member = 'member' in e ? e.member : undefined;
              void (member ? lookup(member) : Promise.resolve())
                .catch(() => undefined)
                .then(() => {
                  const text = describeEvent(e, name);
                  if (text) process.stderr.write(`${dim(new Date().toISOString())} ${text}\n`);
                });
            }
          },
        });
        const clone = served.url + CLONE_PATH;
        // The URL comes first, alone on its line, so scripts can read it.
        if (rt.out.json)
          process.stdout.write(
            `${JSON.stringify({ url: served.url, clone, host, ...(renderer && token && { ui: `${served.url}/host?token=${token}` }), ...(code !== undefined && { code }) })}\n`,
          );
        else {
          process.stdout.write(`${served.url}\n`);
          process.stderr.write(
            `Serving ${bold(ledger.dir)}\n  clone: git clone ${clone} DIR (model files too, with git lfs pull)\n  sync:  steward sync ${served.url}\n` +
              (renderer && token
                ? `  app:   ${served.url}/host?token=${token} in a browser here (yours alone: it makes it the host's app)\n` +
                  `         ${served.url}/ for everyone else\n`
                : '') +
              (code !== undefined
                ? `  session code: ${bold(code)} (browsers on other machines ask for it)\n`
                : '') +
              (host === '127.0.0.1' || host === 'localhost'
                ? dim('  only this machine can reach it (--host to open it to the network)\n')
                : '') +
              dim('  Ctrl-C stops it\n'),
          );
        }
        await untilStopped(served);
      }),
    );
};

/**
 * The built CLI as a separate process, through the launcher a user runs (`bin/steward.mjs`),
 * started without waiting: for commands that talk to servers in the test's own process, and for
 * commands a test kills midway.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { CliResult } from './cli';

/** The launcher a user runs. */
export const BIN = resolve(import.meta.dirname, '../../bin/steward.mjs');

export type Started = {
  child: ChildProcessByStdio<null, Readable, Readable>;
  done: Promise<CliResult & { signal: NodeJS.Signals | null; ms: number }>;
};

/** Starts `node bin/steward.mjs ARGS` and returns at once; `done` settles when it exits. */
export const startSteward = (args: string[], env: Record<string, string>): Started => {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? env.STEWARD_HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null; ms: number }>(
    (resolveDone, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => {
        const stdout = Buffer.concat(out).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolveDone({
          status: code ?? -1,
          signal,
          stdout,
          stderr: Buffer.concat(err).toString('utf8'),
          json,
          ms: Date.now() - started,
        });
      });
    },
  );
  return { child, done };
};

/**
 * The first line a server prints (`steward app --json`, `steward serve --json`), parsed: it says
 * where it listens. Rejects if the process exits first.
 */
export const firstJsonLine = <T>(started: Started, what: string): Promise<T> =>
  new Promise<string>((resolveLine, reject) => {
    let text = '';
    started.child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolveLine(text.split('\n')[0]!);
    });
    started.done.then((r) => reject(new Error(`${what} exited: ${r.stderr}`)), reject);
  }).then((line) => JSON.parse(line) as T);

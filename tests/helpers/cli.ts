/** Runs the built `steward` command line as a user would, in temp folders, with real git. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(import.meta.dirname, '../../out/cli/index.js');

export type CliResult = { status: number; stdout: string; stderr: string; json: unknown };

export const tempDir = (prefix = 'steward-'): string => mkdtempSync(join(tmpdir(), prefix));

export const steward = (args: string[], env: Record<string, string>, cwd?: string): CliResult => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: env.HOME ?? tmpdir(),
      // A bug's stack, when asked for: the CLI prints it with STEWARD_DEBUG set.
      ...(process.env.STEWARD_DEBUG ? { STEWARD_DEBUG: process.env.STEWARD_DEBUG } : {}),
      ...env,
    },
  });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
};

/** A person with their own STEWARD_HOME, running commands against one repo at a given time. */
export class Person {
  constructor(
    readonly home: string,
    public repo: string,
    readonly passphrase = 'correct horse battery',
  ) {}

  env(now: string): Record<string, string> {
    return { STEWARD_HOME: this.home, STEWARD_PASSPHRASE: this.passphrase, STEWARD_NOW: now };
  }

  run(now: string, ...args: string[]): CliResult {
    return steward([...args, '--repo', this.repo], this.env(now));
  }

  /** Runs with --json and returns the parsed output, failing loudly on an error. */
  json<T = Record<string, unknown>>(now: string, ...args: string[]): T {
    const r = steward([...args, '--repo', this.repo, '--json'], this.env(now));
    if (r.status !== 0)
      throw new Error(`steward ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
    return r.json as T;
  }
}

export const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

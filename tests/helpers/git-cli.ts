/**
 * The real git CLI for tests, isolated: its own home and global config (no prompts, no auto-gc,
 * fsck on every transfer), no system config, fixed identity and dates unless a call sets them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli';

export type GitOut = { status: number; stdout: string; stderr: string; bytes: Buffer };

/** An environment in which git reads only its own config under `home` and never prompts. */
export const isolatedGit = (home: string): NodeJS.ProcessEnv => {
  mkdirSync(home, { recursive: true });
  const config = join(home, 'gitconfig');
  writeFileSync(
    config,
    [
      '[user]',
      '\tname = Tester',
      '\temail = tester@example.invalid',
      '[init]',
      '\tdefaultBranch = main',
      // A gc started behind a test's back would change the very files snapshots compare.
      '[gc]',
      '\tauto = 0',
      '[maintenance]',
      '\tauto = false',
      // Whatever the git CLI receives from Steward is checked as strictly as git can.
      '[transfer]',
      '\tfsckObjects = true',
      '',
    ].join('\n'),
  );
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    GIT_CONFIG_GLOBAL: config,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
  };
};

/** Runs git without blocking this process (whose servers git may be talking to). */
export const spawnGit = (
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: Buffer | string,
): Promise<GitOut> =>
  new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => {
      const bytes = Buffer.concat(out);
      resolve({
        status: code ?? -1,
        stdout: bytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        bytes,
      });
    });
    child.stdin.end(input);
  });

export class GitCli {
  readonly env: NodeJS.ProcessEnv;
  /** Where this instance's repos and scratch folders go, removed by `cleanup`. */
  private readonly root: string;

  constructor(root = tempDir('steward-git-')) {
    this.root = root;
    this.env = isolatedGit(join(root, 'git-home'));
  }

  /** A new empty folder. */
  tmp(prefix = 'tmp-'): string {
    return mkdtempSync(join(this.root, prefix));
  }

  /** Removes every folder this instance made. */
  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Runs git to the end, whatever its exit status. */
  run(
    cwd: string,
    args: string[],
    input?: Buffer | string,
    extraEnv: Record<string, string> = {},
  ): GitOut {
    const r = spawnSync('git', args, {
      cwd,
      env: { ...this.env, ...extraEnv },
      input,
      maxBuffer: 1 << 28,
    });
    if (r.error) throw r.error;
    return {
      status: r.status ?? -1,
      stdout: r.stdout.toString('utf8'),
      stderr: r.stderr.toString('utf8'),
      bytes: r.stdout,
    };
  }

  /** As run, without blocking this process (whose servers git may be talking to). */
  runAsync(cwd: string, args: string[]): Promise<GitOut> {
    return spawnGit(cwd, args, this.env);
  }

  /** Runs git and returns its trimmed stdout; throws with its stderr when it fails. */
  ok(cwd: string, args: string[], input?: Buffer | string, extraEnv?: Record<string, string>) {
    const r = this.run(cwd, args, input, extraEnv);
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${cwd} failed: ${r.stderr}`);
    return r.stdout.trim();
  }

  /** `git fsck --strict --full`: whether it passed, and what it said. */
  fsck(dir: string): { ok: boolean; report: string } {
    const r = this.run(dir, ['fsck', '--strict', '--full', '--no-dangling']);
    return { ok: r.status === 0, report: `${r.stdout}${r.stderr}` };
  }

  /** A new repo (bare or not) in a fresh temp folder. */
  init(options: { bare?: boolean } = {}): string {
    const dir = join(this.tmp('repo-'), 'repo');
    this.ok(this.root, ['init', '-q', ...(options.bare ? ['--bare'] : []), dir]);
    return dir;
  }

  /** Writes an object exactly as given (`--literally`: git checks nothing); its id. */
  literally(dir: string, type: string, bytes: Buffer | string): string {
    return this.ok(dir, ['hash-object', '-t', type, '--literally', '-w', '--stdin'], bytes);
  }

  /** Every object of the repo with its type and bytes, as `git cat-file` gives them. */
  objects(dir: string): Map<string, { type: string; bytes: Buffer }> {
    const out = this.run(dir, ['cat-file', '--batch-all-objects', '--batch', '--unordered']).bytes;
    const objects = new Map<string, { type: string; bytes: Buffer }>();
    let i = 0;
    while (i < out.length) {
      const nl = out.indexOf(0x0a, i);
      const [oid, type, size] = out.toString('latin1', i, nl).split(' ') as [
        string,
        string,
        string,
      ];
      const start = nl + 1;
      const end = start + Number(size);
      objects.set(oid, { type, bytes: Buffer.from(out.subarray(start, end)) });
      i = end + 1;
    }
    return objects;
  }
}

/**
 * Peers of one group for sync tests, each a real repo in a temp folder: people with their own
 * STEWARD_HOME who run the built CLI, the git CLI with a home and config of its own (no prompts,
 * no auto-gc, fsck on every transfer), statements signed in-process with a member's real key and
 * committed in bulk by `git fast-import`, and byte-for-byte snapshots of a repo folder.
 */
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvelope } from '../../shared/format/envelope';
import { statementPath } from '../../shared/format/paths';
import type { Statement } from '../../shared/format/types';
import { signStatement } from '../../electron/core/governance/sign';
import { Keystore, type Signer } from '../../electron/core/identity/keystore';
import { Person, steward, tempDir, type CliResult } from './cli';
import { GitCli, type GitOut } from './git-cli';
import { startSteward } from './steward-process';

/** What `steward sync --json` prints. */
export type SyncReport = {
  target: string;
  route: 'folder' | 'bundle' | 'http';
  outcome: 'initial' | 'fast-forward' | 'merged' | 'up-to-date';
  before?: string;
  after?: string;
  pushed: boolean;
  reason?: string;
  objects: number;
  new: {
    proposals: { id: string; kind: string; title: string; author: string }[];
    votes: { id: string; proposal: string; voter: string }[];
    closes: { id: string; proposal: string }[];
    other: { id: string; type: string; path: string }[];
    quarantined: { path: string; reason: string; detail: string }[];
  };
};

/** What any command prints with --json when it fails. */
export type Failure = { error: { code: string; message: string } };

/** A file of the repo folder (the git dir included): its kind and a hash of its content. */
export type Snapshot = { head: string | undefined; status: string; files: Map<string, string> };

export type StatementFile = { path: string; text: string; id: string };

/** One statement to commit: its file, who commits it, when, and the commit message. */
export type Commit = { files: StatementFile[]; message: string; when: Date };

export class Peers {
  readonly root = tempDir('steward-sync-');
  readonly gitCli = new GitCli(this.root);
  readonly alice = new Person(join(this.root, 'alice'), '');
  readonly bob = new Person(join(this.root, 'bob'), '');
  private readonly signers = new Map<Person, Signer>();
  /** Statements are dated in the recent past, so a real clock (steward serve's) finds them valid. */
  private clock = Date.now() - 20 * 24 * 3600_000;
  private folders = 0;

  /** A time one minute after the last one handed out. */
  next(): Date {
    this.clock += 60_000;
    return new Date(this.clock);
  }

  /** The clock a command runs at: later than every statement made so far. */
  now(): string {
    return this.next().toISOString();
  }

  /** A new path under the root (not created). */
  path(name: string): string {
    return join(this.root, `${name}-${++this.folders}`);
  }

  /** `steward ARGS --repo DIR --json` as `who`, at the current clock. */
  cli(who: Person, dir: string, ...args: string[]): CliResult {
    return steward([...args, '--repo', dir, '--json'], who.env(this.now()));
  }

  /** As cli, without blocking this process (whose servers the command may be talking to). */
  cliAsync(who: Person, dir: string, ...args: string[]): Promise<CliResult> {
    return startSteward([...args, '--repo', dir, '--json'], who.env(this.now())).done;
  }

  /** As cli, failing loudly on an error. */
  ok<T = Record<string, unknown>>(who: Person, dir: string, ...args: string[]): T {
    const r = this.cli(who, dir, ...args);
    if (r.status !== 0) {
      throw new Error(`steward ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
    }
    return r.json as T;
  }

  /** Runs git to the end, whatever its exit status. */
  gitRun(cwd: string, args: string[], input?: Buffer | string): GitOut {
    return this.gitCli.run(cwd, args, input);
  }

  /** Runs git and returns its trimmed stdout; throws with its stderr when it fails. */
  git(cwd: string, ...args: string[]): string {
    return this.gitCli.ok(cwd, args);
  }

  /** `git fsck --strict --full`; throws with git's findings when it fails. */
  fsck(dir: string): void {
    const r = this.gitCli.fsck(dir);
    if (!r.ok) throw new Error(`git fsck --strict in ${dir} failed:\n${r.report}`);
  }

  /** The commit `main` points at, or undefined. */
  head(dir: string): string | undefined {
    const r = this.gitRun(dir, ['rev-parse', '--verify', '-q', 'refs/heads/main']);
    return r.status === 0 ? r.stdout.trim() : undefined;
  }

  /** Every file of main's tree, path → blob id. */
  tree(dir: string, rev = 'refs/heads/main'): Map<string, string> {
    const out = this.git(dir, 'ls-tree', '-r', '-z', '--full-tree', rev);
    const files = new Map<string, string>();
    for (const line of out.split('\0').filter(Boolean)) {
      const tab = line.indexOf('\t');
      files.set(line.slice(tab + 1), line.slice(0, tab).split(' ')[2]!);
    }
    return files;
  }

  /** Work tree and index both clean (a bare repo has neither). */
  clean(dir: string): { status: string; cached: string } {
    return {
      status: this.git(
        dir,
        '--no-optional-locks',
        'status',
        '--porcelain',
        '--untracked-files=all',
      ),
      cached: this.git(dir, 'diff', '--cached', '--name-status'),
    };
  }

  /**
   * Everything a failed sync must leave alone: main, `git status`, and every file of the folder
   * (the git dir included) with a hash of its bytes. `--no-optional-locks` keeps git status from
   * refreshing the index, which would itself change the snapshot.
   */
  snapshot(dir: string): Snapshot {
    const files = new Map<string, string>();
    const walk = (rel: string): void => {
      for (const name of readdirSync(join(dir, rel))) {
        const path = rel ? `${rel}/${name}` : name;
        const st = lstatSync(join(dir, path));
        if (st.isDirectory()) {
          files.set(`${path}/`, 'dir');
          walk(path);
        } else {
          const bytes = st.isSymbolicLink() ? Buffer.from('link') : readFileSync(join(dir, path));
          files.set(
            path,
            `${st.mode.toString(8)} ${createHash('sha1').update(bytes).digest('hex')}`,
          );
        }
      }
    };
    walk('');
    const bare = this.git(dir, 'rev-parse', '--is-bare-repository') === 'true';
    const status = bare
      ? ''
      : this.git(dir, '--no-optional-locks', 'status', '--porcelain', '--untracked-files=all');
    return { head: this.head(dir), status, files };
  }

  /** A copy of a repo folder, as a peer that diverges from it. */
  copy(dir: string, name = 'copy'): string {
    const to = this.path(name);
    cpSync(dir, to, { recursive: true, verbatimSymlinks: true });
    return to;
  }

  /** The person's signer, unlocked with their passphrase (once). */
  async signer(who: Person): Promise<Signer> {
    let signer = this.signers.get(who);
    if (!signer) {
      signer = await new Keystore(who.home).unlock(who.passphrase);
      this.signers.set(who, signer);
    }
    return signer;
  }

  /**
   * Alice and Bob, each with an identity, found `name` together in a new repo (bare or not);
   * returns the repo and the group's id.
   */
  found(name = 'Guild', options: { bare?: boolean } = {}): { dir: string; group: string } {
    const dir = this.path(name.toLowerCase());
    const bobKey = this.identity(this.bob, 'Bob');
    this.identity(this.alice, 'Alice');
    const founded = steward(
      [
        'init',
        dir,
        '--name',
        name,
        '--member',
        `${bobKey}:Bob`,
        ...(options.bare ? ['--bare'] : []),
        '--json',
      ],
      this.alice.env(this.now()),
    );
    if (founded.status !== 0) throw new Error(`init failed: ${founded.stdout}${founded.stderr}`);
    const signed = this.ok<{ group?: string }>(this.bob, dir, 'charter', 'sign');
    if (!signed.group)
      throw new Error(`the charter did not take effect: ${JSON.stringify(signed)}`);
    return { dir, group: signed.group };
  }

  private readonly keys = new Map<Person, string>();

  /** Creates the person's identity the first time; their public key. */
  identity(who: Person, name: string): string {
    let key = this.keys.get(who);
    if (!key) {
      const r = steward(['identity', 'create', '--name', name, '--json'], who.env(this.now()));
      if (r.status !== 0) throw new Error(`identity create failed: ${r.stdout}${r.stderr}`);
      key = (r.json as { publicKey: string }).publicKey;
      this.keys.set(who, key);
    }
    return key;
  }

  /** A proposal (a resolution) by `who` in `dir` through the CLI; its id. */
  propose(who: Person, dir: string, title: string, bodyFile?: string): string {
    return this.ok<{ id: string }>(
      who,
      dir,
      'propose',
      'resolution',
      '--title',
      title,
      ...(bodyFile ? ['--body-file', bodyFile] : []),
    ).id;
  }

  /**
   * Commits each statement as its own commit on top of main with `git fast-import`, then brings
   * a non-bare repo's work tree and index along with `git reset --hard`: hundreds of commits in
   * well under a second, each as the git CLI would make it.
   */
  commitAll(dir: string, commits: Commit[]): string {
    const parent = this.head(dir);
    const chunks: Buffer[] = [];
    const data = (text: string | Buffer): void => {
      const bytes = Buffer.from(text);
      chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
    };
    commits.forEach((c, i) => {
      const seconds = Math.floor(c.when.getTime() / 1000);
      chunks.push(
        Buffer.from(
          `commit refs/heads/main\ncommitter Tester <tester@example.invalid> ${seconds} +0000\n`,
        ),
      );
      data(c.message);
      if (i === 0 && parent) chunks.push(Buffer.from(`from ${parent}\n`));
      for (const f of c.files) {
        chunks.push(Buffer.from(`M 100644 inline ${f.path}\n`));
        data(f.text);
      }
    });
    chunks.push(Buffer.from('done\n'));
    const r = this.gitRun(dir, ['fast-import', '--quiet', '--done'], Buffer.concat(chunks));
    if (r.status !== 0) throw new Error(`git fast-import failed: ${r.stderr}`);
    if (this.git(dir, 'rev-parse', '--is-bare-repository') !== 'true') {
      this.git(dir, 'reset', '-q', '--hard', 'refs/heads/main');
    }
    return this.head(dir)!;
  }

  /** Commits one file, written by the git CLI in a work tree (`git add`, `git commit`). */
  commitFile(dir: string, path: string, text: string | Buffer, message = 'by hand'): string {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    this.git(dir, 'add', '--', path);
    this.git(dir, 'commit', '-q', '-m', message);
    return this.head(dir)!;
  }
}

/** A statement's file: signed with Steward's own code, filed at its one path. */
export const statementFile = (statement: Statement, signers: Signer[]): StatementFile => {
  const { envelope, id } = signStatement(statement, signers);
  const proposal = 'proposal' in statement ? statement.proposal : undefined;
  return { path: statementPath(statement.type, id, proposal), text: renderEnvelope(envelope), id };
};

/** A resolution by `author` in `group`, dated `when`. */
export const resolution = (
  group: string,
  author: Signer,
  when: Date,
  title: string,
  body = '',
): Statement => ({
  format: 'steward/1',
  type: 'proposal',
  group,
  author: author.id,
  created: when.toISOString(),
  kind: 'resolution',
  title,
  body,
  params: {},
});

export const voteOn = (
  group: string,
  voter: Signer,
  when: Date,
  proposal: string,
  choice: 'yes' | 'no' | 'abstain' = 'yes',
): Statement => ({
  format: 'steward/1',
  type: 'vote',
  group,
  author: voter.id,
  created: when.toISOString(),
  proposal,
  choice,
});

/**
 * `count` statements for `group`, one commit each: resolutions by the signers in turn, each
 * followed by a yes vote from every signer, as a busy peer would have made them.
 */
export const busyHistory = (
  peers: Peers,
  group: string,
  signers: Signer[],
  count: number,
  label: string,
): Commit[] => {
  const commits: Commit[] = [];
  let proposal = '';
  for (let i = 0; commits.length < count; i++) {
    const k = i % (signers.length + 1);
    const when = peers.next();
    if (k === 0) {
      const author = signers[((i / (signers.length + 1)) % signers.length) | 0]!;
      const file = statementFile(resolution(group, author, when, `${label} ${commits.length}`), [
        author,
      ]);
      proposal = file.id;
      commits.push({ files: [file], message: `propose resolution (${file.id.slice(0, 6)})`, when });
    } else {
      const voter = signers[k - 1]!;
      const file = statementFile(voteOn(group, voter, when, proposal), [voter]);
      commits.push({ files: [file], message: `vote yes (${proposal.slice(0, 6)})`, when });
    }
  }
  return commits;
};

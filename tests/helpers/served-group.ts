/**
 * A group served by `serveRepo` in this process: Alice and Bob founded it with the CLI, Carol is
 * not a member. Tests drive it with the real git CLI (asynchronously: the server shares the
 * process) and with raw requests; the server's clock can be moved mid-test.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Signer } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { FLUSH, pktLine } from '../../electron/core/server/pkt-line';
import { serveRepo, type ServeEvent, type Served } from '../../electron/core/server/serve';
import type { Credentials } from '../../electron/core/sync/proof';
import { Person, steward, tempDir } from './cli';
import {
  basicAuth,
  credentialArgs,
  gitOk,
  isolatedGitEnv,
  proofFor,
  runGit,
  unlockPerson,
  type GitRun,
} from './git-remote';

type Name = 'alice' | 'bob' | 'carol';

export const UPLOAD = 'application/x-git-upload-pack-request';
export const RECEIVE = 'application/x-git-receive-pack-request';

/** A push's body: one command for `ref`, then `pack`. */
export const pushBody = (old: string, neu: string, pack: Buffer, ref = 'refs/heads/main'): Buffer =>
  Buffer.concat([pktLine(`${old} ${neu} ${ref}\0report-status side-band-64k\n`), FLUSH, pack]);

/** A fetch's body: `want` lines, a flush, then `done`. */
export const fetchBody = (...wants: string[]): Buffer =>
  Buffer.concat([...wants.map((w) => pktLine(`want ${w}\n`)), FLUSH, pktLine('done\n')]);

export class ServedGroup {
  readonly root = tempDir('steward-serve-');
  readonly repo = join(this.root, 'server');
  readonly env = isolatedGitEnv(join(this.root, 'git-home'));
  readonly people: Record<Name, Person> = {
    alice: new Person(join(this.root, 'alice'), this.repo),
    bob: new Person(join(this.root, 'bob'), this.repo),
    carol: new Person(join(this.root, 'carol'), this.repo),
  };
  readonly signers = {} as Record<Name, Signer>;
  readonly events: ServeEvent[] = [];
  clockShift = 0;
  url = '';
  private served: Served | undefined;
  // Statements are dated in the recent past, so the server's real clock finds them in force.
  private readonly t0 = Date.now() - 24 * 3600_000;
  private minutes = 0;

  next(): string {
    return new Date(this.t0 + ++this.minutes * 60_000).toISOString();
  }

  async start(): Promise<this> {
    const { alice, bob, carol } = this.people;
    const keys = {} as Record<Name, string>;
    for (const [name, p] of Object.entries(this.people) as [Name, Person][]) {
      keys[name] = p.json<{ publicKey: string }>(
        this.next(),
        'identity',
        'create',
        '--name',
        name,
      ).publicKey;
    }
    const founded = steward(
      ['init', this.repo, '--name', 'Guild', '--member', `${keys.bob}:Bob`, '--json'],
      alice.env(this.next()),
    );
    if (founded.status !== 0) throw new Error(`init failed: ${founded.stdout}${founded.stderr}`);
    bob.json(this.next(), 'charter', 'sign');
    this.signers.alice = await unlockPerson(alice);
    this.signers.bob = await unlockPerson(bob);
    this.signers.carol = await unlockPerson(carol);
    this.served = await serveRepo({
      ledger: await Ledger.open(this.repo),
      onEvent: (e) => this.events.push(e),
      now: () => Date.now() + this.clockShift,
    });
    this.url = this.served.url;
    return this;
  }

  async close(): Promise<void> {
    await this.served?.close();
    rmSync(this.root, { recursive: true, force: true });
  }

  git(cwd: string, ...args: string[]): Promise<string> {
    return gitOk(cwd, args, this.env);
  }

  head(dir = this.repo): Promise<string> {
    return this.git(dir, 'rev-parse', 'HEAD');
  }

  /** `git fsck --strict` in the server's repo and in `dirs`; throws with the first complaint. */
  async fsck(...dirs: string[]): Promise<void> {
    for (const dir of [this.repo, ...dirs]) await this.git(dir, 'fsck', '--strict', '--full');
  }

  /** A new statement (a poll) committed by `who` in `dir` through the Steward CLI; its id. */
  propose(who: Name, dir: string, title: string): string {
    const poll = ['poll', '--title', title, '--option', 'yes', '--option', 'no'];
    const r = steward(
      ['propose', ...poll, '--method', 'approval', '--repo', dir, '--json'],
      this.people[who].env(this.next()),
    );
    if (r.status !== 0) throw new Error(`propose in ${dir} failed: ${r.stdout}${r.stderr}`);
    return (r.json as { id: string }).id;
  }

  /** Passes an amendment of the charter: Alice proposes it, both members vote yes, Alice closes. */
  amendCharter(change: string): void {
    const { alice, bob } = this.people;
    const args = ['propose', 'amend-charter', '--title', `Set ${change}`, '--set', change];
    const { id } = alice.json<{ id: string }>(this.next(), ...args);
    for (const p of [alice, bob]) p.json(this.next(), 'vote', id, 'yes');
    alice.json(this.next(), 'close', id);
  }

  /** A fresh proof by `who` for the server at `base`. */
  proof(who: Name, base = this.url): Promise<Credentials> {
    return proofFor(base, this.signers[who]);
  }

  /** Request headers carrying a fresh proof by `who`. */
  async authorization(who: Name, base = this.url): Promise<{ authorization: string }> {
    return { authorization: basicAuth(await this.proof(who, base)) };
  }

  lsRemote(who?: Name): Promise<GitRun> {
    const args = async () => credentialArgs(who && (await this.proof(who)));
    return args().then((a) => runGit(this.root, [...a, 'ls-remote', this.url], this.env));
  }

  latest<T extends ServeEvent['type']>(type: T): ServeEvent | undefined {
    return this.events.findLast((e) => e.type === type);
  }

  /** `git push ARGS`, by default `git push origin main`. */
  push(dir: string, credentials?: Credentials, ...args: string[]) {
    const push = ['push', ...(args.length > 0 ? args : ['origin', 'main'])];
    return runGit(dir, [...credentialArgs(credentials), ...push], this.env);
  }

  async clone(name: string, credentials?: Credentials): Promise<string> {
    const dir = join(this.root, name);
    const r = await runGit(
      this.root,
      [...credentialArgs(credentials), 'clone', this.url, dir],
      this.env,
    );
    if (r.status !== 0) throw new Error(`git clone failed: ${r.stderr}`);
    return dir;
  }

  post(
    path: string,
    type: string,
    body: Buffer,
    headers: Record<string, string> = {},
    base = this.url,
  ) {
    return fetch(base + path, {
      method: 'POST',
      headers: { 'Content-Type': type, ...headers },
      body,
    });
  }

  /** The pack git makes of what `tip` has and `base` lacks. */
  async packBetween(dir: string, base: string, tip: string): Promise<Buffer> {
    const args = ['pack-objects', '--stdout', '--revs'];
    return (await runGit(dir, args, this.env, `${tip}\n^${base}\n`)).bytes;
  }

  /** Every file under the server's objects folder: what a refused push must leave alone. */
  objectFiles(): string[] {
    return (
      readdirSync(join(this.repo, '.git', 'objects'), { recursive: true }) as string[]
    ).sort();
  }
}

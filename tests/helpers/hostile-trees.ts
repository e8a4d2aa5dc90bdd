/**
 * Hostile tree names for sync tests: a founded group, copies of it whose main adds one entry under
 * a hostile name (written byte for byte, since git refuses to make some of them), snapshots of
 * everything a refused sync must leave alone, and a sync as `steward sync` runs it.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { StewardError } from '../../shared/errors';
import type { Signer } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { syncWith, type SyncTarget } from '../../electron/core/sync/sync';
import { tempDir } from './cli';
import { GitCli } from './git-cli';
import { at } from './memory-group';
import { foundTemplate } from './peers';

/** Names a peer may plant under `proposals/`; on Windows each would land somewhere else. */
export const hostileNames = [
  '..\\..\\..\\x',
  'charter.json:evil',
  'con.json',
  'x.json.',
  'x.json ',
  'git~1',
  '.g\u200cit',
  'LPT\u00b9',
  'a|b',
];

export type Snapshot = { head: string; files: Map<string, string> };

const entry = (mode: string, name: string, oid: string): Buffer =>
  Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, 'hex')]);

export class HostileTrees {
  readonly root = tempDir('steward-hostile-names-');
  readonly cli = new GitCli(join(this.root, 'git'));
  readonly now = new Date(at(60));
  base = '';
  /** A member of the group (not its founder's first key). */
  member: Signer | undefined;
  private copies = 0;

  /** A folder name under `root` no other call returns. */
  fresh(name: string): string {
    return join(this.root, `${name}-${++this.copies}`);
  }

  /** A clone of the group's repo, with a work tree. */
  copyOfBase(name: string): string {
    const dir = this.fresh(name);
    this.cli.ok(this.root, ['clone', '-q', this.base, dir]);
    return dir;
  }

  /**
   * A copy of the group whose main adds `proposals/<name>`; every object is otherwise well-formed
   * and in order, so only the name can refuse it.
   */
  hostileRepo(name: string): { dir: string; tip: string } {
    const { cli } = this;
    const dir = this.copyOfBase('hostile');
    const head = cli.ok(dir, ['rev-parse', 'refs/heads/main']);
    const rootTree = cli.run(dir, ['cat-file', 'tree', `${head}^{tree}`]).bytes;
    const listed = cli.ok(dir, ['ls-tree', '--name-only', head]).split('\n');
    // The new folder goes last: it must sort after every entry the root holds.
    expect(listed.every((n) => n < 'proposals')).toBe(true);
    const blob = cli.ok(dir, ['hash-object', '-w', '--stdin'], 'hostile\n');
    const folder = cli.literally(dir, 'tree', entry('100644', name, blob));
    const tree = cli.literally(
      dir,
      'tree',
      Buffer.concat([rootTree, entry('40000', 'proposals', folder)]),
    );
    const tip = cli.ok(dir, ['commit-tree', tree, '-p', head, '-m', 'hostile']);
    cli.ok(dir, ['update-ref', 'refs/heads/main', tip, head]);
    return { dir, tip };
  }

  /** Every file under `dir`, the git dir included, with a hash of its bytes; and main. */
  snapshot(dir: string): Snapshot {
    const files = new Map<string, string>();
    const walk = (rel: string): void => {
      for (const name of readdirSync(join(dir, rel))) {
        const path = rel ? `${rel}/${name}` : name;
        if (lstatSync(join(dir, path)).isDirectory()) {
          files.set(`${path}/`, 'dir');
          walk(path);
        } else {
          const bytes = readFileSync(join(dir, path));
          files.set(path, createHash('sha1').update(bytes).digest('hex'));
        }
      }
    };
    walk('');
    return { head: this.cli.ok(dir, ['rev-parse', 'refs/heads/main']), files };
  }

  /** What a refused sync must leave alone in `dir`, and no file beside the repos either. */
  expectUntouched(dir: string, before: Snapshot): void {
    expect(this.snapshot(dir)).toEqual(before);
    expect(this.cli.ok(dir, ['status', '--porcelain', '--untracked-files=all'])).toBe('');
    expect(existsSync(join(dir, 'proposals')), 'a proposals folder').toBe(false);
    expect(existsSync(join(this.root, 'x')), 'a file outside the repo').toBe(false);
  }

  /** `git fsck --strict` passes in `dir`. */
  expectSound(dir: string): void {
    const { ok, report } = this.cli.fsck(dir);
    expect(ok, report).toBe(true);
  }

  /** `steward sync` into `dir` from `target`, as the member. */
  async sync(dir: string, target: SyncTarget): Promise<void> {
    const member = this.member!;
    await syncWith(await Ledger.open(dir), target, {
      auth: { signer: () => Promise.resolve(member) },
      now: this.now,
    });
  }
}

/** The StewardError `run` fails with; fails the test if it succeeds. */
export const refusal = async (run: () => Promise<unknown>): Promise<StewardError> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof StewardError) return error;
    throw error;
  }
  throw new Error('the hostile history was taken in');
};

/** Registers the group's founding and the cleanup in the calling file or describe block. */
export const hostileTrees = (): HostileTrees => {
  const t = new HostileTrees();
  beforeAll(async () => {
    const template = await foundTemplate(join(t.root, 'base'), 2);
    t.base = template.dir;
    t.member = template.founders[1]!;
  }, 60_000);
  afterAll(() => {
    t.cli.cleanup();
    rmSync(t.root, { recursive: true, force: true });
  });
  return t;
};

/**
 * The group folder the app has open, and this machine's identity. The desktop app remembers its
 * group in `<STEWARD_HOME>/app.json` and keeps the groups it founds or joins under
 * `<STEWARD_HOME>/groups/`; `steward serve` fixes one repo for its life.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { Keystore } from '../identity/keystore';
import { Ledger } from '../ledger/ledger';

type AppFile = { repo?: string; demo?: boolean; known?: { dir: string; demo: boolean }[] };

/** A group folder this machine has had open, or keeps under its home. */
export type KnownFolder = { dir: string; demo: boolean };

const MAX_KNOWN = 50;

export class Workspace {
  readonly keystore: Keystore;
  private ledgerOpen: Ledger | undefined;
  private isDemo = false;

  /** `fixed`: the one repo this workspace serves; it cannot switch to another. */
  constructor(
    readonly home: string,
    private readonly fixed?: Ledger,
  ) {
    this.keystore = new Keystore(home);
    this.ledgerOpen = fixed;
  }

  get canSwitch(): boolean {
    return this.fixed === undefined;
  }

  get demo(): boolean {
    return this.isDemo;
  }

  current(): Ledger | undefined {
    return this.ledgerOpen;
  }

  /** The open group's ledger; refuses when none is open yet. */
  ledger(): Ledger {
    if (!this.ledgerOpen)
      throw new StewardError('not-a-repo', 'no group is open: found one or join one first');
    return this.ledgerOpen;
  }

  private get appFile(): string {
    return join(this.home, 'app.json');
  }

  /** Opens the group the app had open last time, if it is still there. */
  async restore(): Promise<void> {
    if (this.fixed) return;
    let file: AppFile;
    try {
      file = JSON.parse(await readFile(this.appFile, 'utf8')) as AppFile;
    } catch {
      return;
    }
    if (!file.repo) return;
    try {
      this.ledgerOpen = await Ledger.open(file.repo);
      this.isDemo = file.demo === true;
    } catch {
      // Moved or deleted since: the guided start shows again.
    }
  }

  private async readAppFile(): Promise<AppFile> {
    try {
      return JSON.parse(await readFile(this.appFile, 'utf8')) as AppFile;
    } catch {
      return {};
    }
  }

  async open(dir: string, demo = false): Promise<Ledger> {
    if (this.fixed)
      throw new StewardError('conflict', 'this host serves one group; it cannot switch');
    const ledger = await Ledger.open(dir);
    this.ledgerOpen = ledger;
    this.isDemo = demo;
    await mkdir(this.home, { recursive: true, mode: 0o700 });
    const repo = resolve(dir);
    const before = (await this.readAppFile()).known ?? [];
    const known = [{ dir: repo, demo }, ...before.filter((k) => k.dir !== repo)].slice(
      0,
      MAX_KNOWN,
    );
    await this.writeAppFile({ repo, demo, known });
    return ledger;
  }

  private async writeAppFile(file: AppFile): Promise<void> {
    const tmp = `${this.appFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(file) + '\n');
    await rename(tmp, this.appFile);
  }

  /**
   * Opens a fresh copy of the demo group and deletes the copies made before it under
   * `<home>/groups` (nobody can write in them as their members: nothing of the user's is lost).
   */
  async replaceDemo(dir: string): Promise<Ledger> {
    const before = (await this.known()).filter((k) => k.demo && k.dir !== resolve(dir));
    const ledger = await this.open(dir, true);
    const groups = join(this.home, 'groups');
    for (const k of before)
      if (dirname(k.dir) === groups) await rm(k.dir, { recursive: true, force: true });
    const file = await this.readAppFile();
    const known = (file.known ?? []).filter((k) => !before.some((b) => b.dir === k.dir));
    await this.writeAppFile({ ...file, known });
    return ledger;
  }

  /**
   * The group folders this machine knows, the one open first: those opened before (most recent
   * first), then any other under `<home>/groups`. Folders gone since are left out by the caller.
   */
  async known(): Promise<KnownFolder[]> {
    if (this.fixed) return [{ dir: this.fixed.dir, demo: false }];
    const file = await this.readAppFile();
    const list: KnownFolder[] = [...(file.known ?? [])];
    if (file.repo && !list.some((k) => k.dir === file.repo))
      list.unshift({ dir: file.repo, demo: file.demo === true });
    const groups = join(this.home, 'groups');
    const names = await readdir(groups).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const dir = join(groups, name);
      if (!list.some((k) => k.dir === dir)) list.push({ dir, demo: false });
    }
    return list;
  }

  /** A new folder for a group under `<home>/groups`, named after it. */
  async newGroupDir(name: string): Promise<string> {
    if (this.fixed)
      throw new StewardError('conflict', 'this host serves one group; it cannot switch');
    const slug =
      name
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || 'group';
    const dir = join(this.home, 'groups', `${slug}-${randomBytes(3).toString('hex')}`);
    await mkdir(join(this.home, 'groups'), { recursive: true });
    return dir;
  }
}

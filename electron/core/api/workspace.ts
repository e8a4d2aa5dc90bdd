/**
 * The group folder the app has open, and this machine's identity. The desktop app remembers its
 * group in `<STEWARD_HOME>/app.json` and keeps the groups it founds or joins under
 * `<STEWARD_HOME>/groups/`; `steward serve` fixes one repo for its life.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { Keystore } from '../identity/keystore';
import { Ledger } from '../ledger/ledger';

type AppFile = { repo?: string; demo?: boolean };

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

  async open(dir: string, demo = false): Promise<Ledger> {
    if (this.fixed)
      throw new StewardError('conflict', 'this host serves one group; it cannot switch');
    const ledger = await Ledger.open(dir);
    this.ledgerOpen = ledger;
    this.isDemo = demo;
    await mkdir(this.home, { recursive: true, mode: 0o700 });
    const tmp = `${this.appFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ repo: resolve(dir), demo } satisfies AppFile) + '\n');
    await rename(tmp, this.appFile);
    return ledger;
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

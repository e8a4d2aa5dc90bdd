/**
 * Peers of one group, each a real repo in a temp folder with one member's key, syncing through
 * Steward's own routes in this process: another folder, a bundle file (whole or incremental), and
 * a peer's `steward serve` over HTTP on 127.0.0.1. A group is founded once into a template repo;
 * each network of peers starts as copies of it, and keeps the record of every file its peers
 * wrote, forged ones included, to check each peer against.
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRules } from '../../shared/charter';
import { memberIdOf } from '../../shared/format/check';
import { renderEnvelope } from '../../shared/format/envelope';
import type { QuarantineReason } from '../../shared/format/reasons';
import type { CharterStatement, Envelope, Statement } from '../../shared/format/types';
import type { DerivedState } from '../../shared/derive/state';
import { nodeCrypto, signWithSeed } from '../../electron/core/crypto';
import { signStatement } from '../../electron/core/governance/sign';
import type { Signer } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { listFiles } from '../../electron/core/ledger/read';
import { serveRepo, type Served } from '../../electron/core/server/serve';
import { createBundle } from '../../electron/core/sync/bundle';
import { hashObject } from '../../electron/core/sync/pack';
import { syncWith, type SyncReport } from '../../electron/core/sync/sync';
import { fsck, runGit } from '../integration/adversarial/git';
import { at } from './memory-group';

/** Memory-backed when the machine has it: thousands of small repos are made and thrown away. */
export const scratchDir = (prefix: string): Promise<string> =>
  mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));

/** The blob id git gives a statement file. */
const blobOf = (envelope: Envelope): string =>
  hashObject('blob', Buffer.from(renderEnvelope(envelope)));

/**
 * A signer whose key follows from its name: ids, and with them every commit, come out the same on
 * every run, so a failing schedule replays exactly.
 */
export const namedSigner = (name: string): Signer => {
  const seed = createHash('sha256').update(`steward-test-key:${name}`).digest();
  // The PKCS#8 wrapping of a raw Ed25519 seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key).export({ format: 'jwk' }).x!;
  const id = memberIdOf(nodeCrypto, publicKey);
  return { id, name, publicKey, sign: (m) => signWithSeed(seed, publicKey, m) };
};

export type Template = {
  dir: string;
  group: string;
  founders: Signer[];
  /** The founding commit: every peer has it. */
  head: string;
  charter: { path: string; oid: string };
};

/** Founds a group of `size` members, the charter signed by all of them, in `dir`. */
export const foundTemplate = async (dir: string, size: number): Promise<Template> => {
  const founders = Array.from({ length: size }, (_, i) => namedSigner(`Member ${i}`));
  const statement: CharterStatement = {
    format: 'steward/1',
    type: 'charter',
    created: at(0),
    name: `Convergence ${size}`,
    nonce: size.toString(16).padStart(32, '0'),
    members: founders.map((f) => ({ id: f.id, name: f.name, key: f.publicKey })),
    rules: defaultRules({ votingPeriod: 24 * 3600 }),
    requireApproval: false,
  };
  const { envelope, id } = signStatement(statement, founders);
  const ledger = await Ledger.init(dir);
  const { commit, path } = await ledger.append(envelope, id, 'found', founders[0]!);
  return { dir, group: id, founders, head: commit, charter: { path, oid: blobOf(envelope) } };
};

export type Route = 'folder' | 'bundle' | 'http';

/** path → blob id of every file on a peer's main. */
export type FileSet = Map<string, string>;

export class Peer {
  private served: Served | undefined;
  /** What the peer's server reported that it should not have: bugs and refused pushes. */
  readonly serverProblems: string[] = [];

  constructor(
    readonly name: string,
    readonly signer: Signer,
    readonly ledger: Ledger,
  ) {}

  get dir(): string {
    return this.ledger.dir;
  }

  async files(): Promise<FileSet> {
    const { entries } = await listFiles(this.ledger.repo);
    return new Map(entries.map((e) => [e.path, e.oid ?? `(${e.mode})`]));
  }

  /** The peer's `steward serve`, started on first use; members are derived at `now`. */
  async url(now: Date): Promise<string> {
    this.served ??= await serveRepo({
      ledger: this.ledger,
      now: () => now.getTime(),
      onEvent: (e) => {
        if (e.type === 'error')
          this.serverProblems.push(String((e.error as Error).stack ?? e.error));
        if (e.type === 'push-rejected') this.serverProblems.push(`push rejected: ${e.reason}`);
      },
    });
    return this.served.url;
  }

  async stop(): Promise<void> {
    await this.served?.close();
    this.served = undefined;
  }
}

/** Copies of the template, one per founder, in `root`. */
export const spawnPeers = async (template: Template, root: string): Promise<Peer[]> =>
  Promise.all(
    template.founders.map(async (signer, i) => {
      const dir = join(root, `peer-${i}`);
      await cp(template.dir, dir, { recursive: true });
      return new Peer(`P${i}`, signer, await Ledger.open(dir));
    }),
  );

/** A statement file a peer wrote, and what every peer must make of it. */
export type Written = {
  path: string;
  oid: string;
  id: string;
  statement: Statement;
  /** Forged: the reason every peer must quarantine it for. */
  reason?: QuarantineReason;
};

/** How to forge a file: signed by someone else, with a broken signature, or misfiled. */
export type Forgery =
  { reason: 'non-member'; by: Signer } | { reason: 'bad-signature' | 'id-mismatch' };

const same = (a: string[], b: string[]): boolean => a.sort().join('\n') === b.sort().join('\n');

/** Another first character: a signature that no longer verifies, or an id that is not the hash. */
const flip = (text: string): string => (text[0] === '0' ? '1' : '0') + text.slice(1);

/**
 * The peers of one run, what each was last seen to hold, and every file any of them wrote. After
 * every sync it checks that neither side lost a file, that what the sender held arrived, and that
 * a sync both ways left the two on one head; it keeps a commit each pair shares, for bundles.
 */
export class Network {
  readonly written = new Map<string, Written>();
  /** The files each peer held when last looked at, and those it wrote since. */
  readonly seen: FileSet[];
  private readonly common: string[][];

  constructor(
    readonly template: Template,
    readonly peers: Peer[],
    private readonly scratch: string,
    private readonly now: Date,
  ) {
    this.seen = peers.map(() => new Map([[template.charter.path, template.charter.oid]]));
    this.common = peers.map(() => peers.map(() => template.head));
  }

  /** Peer `p` signs and appends a statement (or a forgery of one); returns the statement's id. */
  async append(p: number, statement: Statement, forgery?: Forgery): Promise<string> {
    const { signer, ledger, name } = this.peers[p]!;
    const { envelope, id } = signStatement(statement, [
      forgery && 'by' in forgery ? forgery.by : signer,
    ]);
    const sig = envelope.signatures[0]!;
    if (forgery?.reason === 'bad-signature') sig.signature = flip(sig.signature);
    const filed = forgery?.reason === 'id-mismatch' ? flip(id) : id;
    const { path } = await ledger.append(envelope, filed, `${statement.type} by ${name}`, signer);
    const oid = blobOf(envelope);
    const reason = forgery?.reason;
    this.written.set(path, { path, oid, id: filed, statement, ...(reason ? { reason } : {}) });
    // The next sync checks that the peer still holds it.
    this.seen[p]!.set(path, oid);
    return id;
  }

  /** `path reason` of each forged file among `paths`. */
  private forged(paths: Iterable<string>): string[] {
    return [...paths].flatMap((path) => {
      const reason = this.written.get(path)?.reason;
      return reason ? [`${path} ${reason}`] : [];
    });
  }

  /** Peer `p` loads its ledger: it must quarantine exactly the forged files it holds. */
  async load(p: number): Promise<DerivedState> {
    const { state } = await this.peers[p]!.ledger.load(this.now);
    const quarantined = state.quarantined.map((q) => `${q.path} ${q.reason}`);
    if (!same(quarantined, this.forged(this.seen[p]!.keys()))) {
      throw new Error(`${this.peers[p]!.name} quarantines ${quarantined.join(', ') || 'nothing'}`);
    }
    return state;
  }

  /** What peer `p` holds now; it must still hold everything it held before. */
  async observe(p: number): Promise<FileSet> {
    const now = await this.peers[p]!.files();
    for (const [path, oid] of this.seen[p]!) {
      if (now.get(path) !== oid) throw new Error(`${this.peers[p]!.name} lost ${path}`);
    }
    this.seen[p] = now;
    return now;
  }

  /**
   * Peer `a` syncs with peer `b` as `steward sync` does (which then loads `a`'s ledger to say what
   * came in): both ways by folder or HTTP, from `b` to `a` by bundle, the whole history or, with
   * `incremental`, what follows a commit the two share. Undefined when there was nothing to bundle.
   */
  async sync(a: number, b: number, route: Route, incremental = false) {
    const [to, from] = [this.peers[a]!, this.peers[b]!];
    const sent = new Map(this.seen[b]);
    const options = { auth: { signer: () => Promise.resolve(to.signer) }, now: this.now };
    let report: SyncReport | undefined;
    if (route === 'folder') report = await syncWith(to.ledger, { route, path: from.dir }, options);
    else if (route === 'http') {
      report = await syncWith(to.ledger, { route, url: await from.url(this.now) }, options);
    } else {
      const since = incremental ? this.common[a]![b] : undefined;
      // A bundle of nothing is refused: there is nothing to send when the sender is at `since`.
      if (since !== (await from.ledger.head())) {
        const file = join(this.scratch, `${from.name}-to-${to.name}.bundle`);
        await writeFile(file, (await createBundle(from.ledger.repo, since)).bytes);
        report = await syncWith(to.ledger, { route, file }, options);
      }
    }
    const held = new Set(this.seen[a]!.keys());
    const [got, other] = [await this.observe(a), await this.observe(b)];
    const arrived = [...got.keys()].filter((path) => !held.has(path));
    const quarantined = report?.new.quarantined.map((q) => `${q.path} ${q.reason}`) ?? [];
    if (!same(quarantined, this.forged(arrived)))
      throw new Error(`${to.name} reported ${quarantined.join(', ') || 'nothing'} as quarantined`);
    for (const [path, oid] of sent) {
      if (got.get(path) !== oid)
        throw new Error(`${to.name} did not get ${path} from ${from.name}`);
    }
    const problems = this.peers.flatMap((x) => x.serverProblems);
    if (problems.length > 0) throw new Error(`a server failed:\n${problems.join('\n')}`);
    const heads = [await to.ledger.head(), await from.ledger.head()];
    if (route !== 'bundle' && (heads[0] !== heads[1] || got.size !== other.size)) {
      throw new Error(`${to.name} and ${from.name} differ after a sync both ways`);
    }
    this.common[a]![b] = this.common[b]![a] = heads[1]!;
    return report;
  }

  /** What git's CLI finds wrong with any peer: `fsck --strict`, and a work tree off main. */
  gitProblems(): string[] {
    return this.peers.flatMap(({ name, dir }) => {
      const { ok, report } = fsck(dir);
      const status = runGit(dir, ['status', '--porcelain']).stdout.toString();
      return [
        ...(ok ? [] : [`git fsck --strict in ${name}: ${report}`]),
        ...(status === '' ? [] : [`git status in ${name}: ${status}`]),
      ];
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.peers.map((p) => p.stop()));
  }
}

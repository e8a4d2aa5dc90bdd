/**
 * Syncs that go wrong: a process killed at any moment, bundles cut short or padded or not
 * bundles at all, peers whose history holds forged statements, and servers that drop the
 * connection in the middle of a fetch. Whatever happens, every repo passes `git fsck --strict`,
 * `main` is where it was or where it should be, and the next sync finishes the job.
 */
import { existsSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statement } from '../../shared/format/types';
import { makeSigner } from '../helpers/memory-group';
import { startCuttingProxy } from '../helpers/cutting-proxy';
import { startHttpBackend, type HttpBackend } from '../../bench/http-backend';
import {
  busyHistory,
  Peers,
  resolution,
  statementFile,
  voteOn,
  type Failure,
  type SyncReport,
} from '../helpers/sync-peers';
import { startSteward, type Started } from '../helpers/steward-process';
import { expectClean, expectUnchanged, snapshots } from '../helpers/sync-expect';
import { runs } from '../helpers/runs';

type Report = SyncReport;
type Show = {
  tally: { yes: number; no: number };
  votes: { id: string; voter: string }[];
  quarantined: { path: string; reason: string }[];
};

describe('sync faults', () => {
  const peers = new Peers();
  const { alice, bob } = peers;
  let base: string;
  let group: string;
  /** An open proposal Alice voted yes on. */
  let motion: string;

  beforeAll(() => {
    ({ dir: base, group } = peers.found());
    motion = peers.propose(alice, base, 'Open the books');
    peers.ok(alice, base, 'vote', motion, 'yes');
  }, 60_000);

  afterAll(() => {
    rmSync(peers.root, { recursive: true, force: true });
  });

  describe('a sync killed midway', () => {
    // Kills along the whole sync: 8 in `npm test`, 20 in `npm run test:soak`.
    const ITERATIONS = runs({ quick: 8, soak: 20 });
    const INCOMING = 500;

    it.each(['folder', 'bundle'] as const)(
      `leaves main old or synced, and the next sync finishes, wherever a %s sync is killed (${ITERATIONS} kills)`,
      async (route) => {
        const signers = [await peers.signer(alice), await peers.signer(bob)];
        // Ours made a few statements of its own; theirs made hundreds, one commit each.
        const ours = peers.copy(base, 'ours');
        peers.commitAll(ours, busyHistory(peers, group, signers, 12, 'Ours'));
        const theirs = peers.copy(base, 'theirs');
        peers.commitAll(theirs, busyHistory(peers, group, signers, INCOMING, 'Theirs'));
        peers.git(theirs, 'gc', '-q');
        const bundle = `${theirs}.bundle`;
        peers.git(theirs, 'bundle', 'create', '-q', bundle, 'main');
        const union = [
          ...new Set([...peers.tree(ours).keys(), ...peers.tree(theirs).keys()]),
        ].sort();
        const old = { ours: peers.head(ours)!, theirs: peers.head(theirs)! };
        const targetOf = (other: string) => (route === 'folder' ? other : bundle);
        const start = (dir: string, other: string): Started =>
          startSteward(['sync', targetOf(other), '--repo', dir, '--json'], alice.env(peers.now()));

        // One run to the end: the head every sync must reach, and how long a sync takes.
        const [o, t] = [peers.copy(ours, 'o'), peers.copy(theirs, 't')];
        const full = await start(o, t).done;
        expect(full.status, full.stdout + full.stderr).toBe(0);
        const synced = peers.head(o)!;
        expect((full.json as Report).outcome).toBe('merged');
        if (route === 'folder') expect(peers.head(t)).toBe(synced);

        const landed: string[] = [];
        // How long a sync takes here and now: a busy machine changes it from run to run, so a
        // run that finished before its kill shortens it. Runs go on (up to a bound, by count)
        // until ITERATIONS of them were killed: the test needs kills, not a fast machine.
        let span = full.ms;
        const killedSoFar = () => landed.filter((l) => l.startsWith('killed')).length;
        for (let i = 0; killedSoFar() < ITERATIONS && i < 4 * ITERATIONS; i++) {
          const dir = peers.copy(ours, 'killed');
          const other = route === 'folder' ? peers.copy(theirs, 'other') : theirs;
          const run = start(dir, other);
          // Spread over the whole run, startup included, with a little jitter.
          const step = i % ITERATIONS;
          const delay = Math.round((span * (step + Math.random())) / ITERATIONS);
          const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
          const result = await run.done;
          clearTimeout(timer);
          if (!result.signal) span = Math.min(span, result.ms);
          const label = `kill ${i} after ${delay} of ${span} ms (${route})`;

          peers.fsck(dir);
          const head = peers.head(dir);
          expect([old.ours, synced], label).toContain(head);
          if (route === 'folder') {
            peers.fsck(other);
            expect([old.theirs, synced], label).toContain(peers.head(other));
          }
          landed.push(
            `${result.signal ? 'killed' : 'finished'}:${head === synced ? 'synced' : 'old'}`,
          );

          const next = peers.cli(alice, dir, 'sync', targetOf(other));
          expect(next.status, `${label}: the next sync: ${next.stdout}${next.stderr}`).toBe(0);
          expect(peers.head(dir), label).toBe(synced);
          expect([...peers.tree(dir).keys()].sort(), label).toEqual(union);
          peers.fsck(dir);
          expectClean(peers, dir, label);
          if (route === 'folder') {
            expect(peers.head(other), label).toBe(synced);
            peers.fsck(other);
            expectClean(peers, other, `${label}: the other folder`);
            rmSync(other, { recursive: true, force: true });
          }
          rmSync(dir, { recursive: true, force: true });
        }
        // Runs were killed all along the sync, at least one of them before main moved.
        expect(killedSoFar(), landed.join(' ')).toBe(ITERATIONS);
        expect(landed, landed.join(' ')).toContain('killed:old');
      },
      900_000,
    );
  });

  describe('a sync killed at a chosen moment', () => {
    /**
     * Kills the sync the moment `when` holds in the repo whose git dir is watched (inotify, so
     * within a millisecond or so of the file system change), and returns whether it fired.
     */
    const killWhen = async (
      run: Started,
      gitdir: string,
      when: () => boolean,
    ): Promise<boolean> => {
      let fired = false;
      const check = (): void => {
        if (!fired && when()) {
          fired = run.child.kill('SIGKILL');
        }
      };
      const watchers = [watch(gitdir, check), watch(join(gitdir, 'refs', 'heads'), check)];
      try {
        await run.done;
      } finally {
        for (const w of watchers) w.close();
      }
      return fired;
    };

    let ours: string;
    let theirs: string;
    beforeAll(async () => {
      const signers = [await peers.signer(alice), await peers.signer(bob)];
      // Both sides bring hundreds of files, so each side's checkout takes a while.
      ours = peers.copy(base, 'ours');
      peers.commitAll(ours, busyHistory(peers, group, signers, 300, 'Ours'));
      theirs = peers.copy(base, 'theirs');
      peers.commitAll(theirs, busyHistory(peers, group, signers, 300, 'Theirs'));
    }, 60_000);

    const moments = [
      ['this repo', 'after main moved, while its files are written', 'moved'],
      ['this repo', 'while it holds the lock on main', 'lock'],
      ['the other folder', 'after main moved, while its files are written', 'moved'],
      ['the other folder', 'while it holds the lock on main', 'lock'],
    ] as const;

    it.each(moments)(
      'finishes the sync next time when it was killed in %s %s',
      async (side, _, moment) => {
        let [o, t] = ['', ''];
        let fired = false;
        // The watcher may miss a moment that lasts a millisecond: try again with fresh copies.
        for (let attempt = 0; attempt < 5 && !fired; attempt++) {
          [o, t] = [peers.copy(ours, 'o'), peers.copy(theirs, 't')];
          const gitdir = join(side === 'this repo' ? o : t, '.git');
          const ref = join(gitdir, 'refs', 'heads', 'main');
          const old = readFileSync(ref, 'utf8');
          const run = startSteward(['sync', t, '--repo', o, '--json'], alice.env(peers.now()));
          fired = await killWhen(run, gitdir, () =>
            moment === 'lock' ? existsSync(`${ref}.lock`) : readFileSync(ref, 'utf8') !== old,
          );
        }
        expect(fired, 'the sync was killed at that moment').toBe(true);
        peers.fsck(o);
        peers.fsck(t);

        const next = peers.cli(alice, o, 'sync', t);
        expect(next.status, next.stdout).toBe(0);
        expect(peers.head(o)).toBe(peers.head(t));
        for (const dir of [o, t]) {
          peers.fsck(dir);
          expectClean(peers, dir, dir === o ? 'this repo' : 'the other folder');
          expect(existsSync(join(dir, '.git', 'index.lock')), 'git index lock left').toBe(false);
        }
        const union = [...new Set([...peers.tree(ours).keys(), ...peers.tree(theirs).keys()])];
        expect([...peers.tree(t).keys()].sort()).toEqual(union.sort());
      },
      60_000,
    );
  });

  describe('a damaged bundle', () => {
    let ours: string;
    let bundles: { name: string; bytes: Buffer }[];

    beforeAll(async () => {
      const signers = [await peers.signer(alice), await peers.signer(bob)];
      const theirs = peers.copy(base, 'theirs');
      peers.commitAll(theirs, busyHistory(peers, group, signers, 30, 'Bundled'));
      const mine = join(peers.root, 'steward.bundle');
      peers.ok(alice, theirs, 'bundle', 'create', mine, '--since', peers.head(base)!);
      const git = join(peers.root, 'git.bundle');
      peers.git(theirs, 'bundle', 'create', '-q', git, 'main', `^${peers.head(base)!}`);
      bundles = [
        { name: 'Steward', bytes: readFileSync(mine) },
        { name: 'git', bytes: readFileSync(git) },
      ];
      ours = peers.copy(base, 'ours');
      // Each bundle whole is fine: what follows is the damage alone.
      for (const b of bundles) {
        const check = peers.copy(ours, 'check');
        const file = join(peers.root, `whole-${b.name}.bundle`);
        writeFileSync(file, b.bytes);
        expect(peers.ok<Report>(alice, check, 'sync', file).outcome).toBe('fast-forward');
        peers.fsck(check);
      }
    }, 60_000);

    const headerEnd = (bytes: Buffer): number => bytes.indexOf('\n\n') + 2;
    const damages: [string, (b: Buffer) => Buffer][] = [
      ['cut inside its signature line', (b) => b.subarray(0, 5)],
      ['cut inside a ref line', (b) => b.subarray(0, headerEnd(b) - 30)],
      ['cut before the blank line ending its header', (b) => b.subarray(0, headerEnd(b) - 1)],
      ['cut right after its header', (b) => b.subarray(0, headerEnd(b))],
      ['cut inside the pack header', (b) => b.subarray(0, headerEnd(b) + 6)],
      ['cut in the first object', (b) => b.subarray(0, headerEnd(b) + 40)],
      ['cut halfway through the pack', (b) => b.subarray(0, (headerEnd(b) + b.length) >> 1)],
      ['cut before the pack checksum', (b) => b.subarray(0, b.length - 20)],
      ['missing its last byte', (b) => b.subarray(0, b.length - 1)],
      ['followed by trailing garbage', (b) => Buffer.concat([b, Buffer.from('garbage\n')])],
      [
        'followed by a second copy of its pack',
        (b) => Buffer.concat([b, b.subarray(headerEnd(b))]),
      ],
      [
        'with a byte of the pack flipped',
        (b) => {
          const bad = Buffer.from(b);
          bad[(headerEnd(b) + b.length) >> 1]! ^= 0x01;
          return bad;
        },
      ],
    ];

    it.each(damages)('fails with corrupt and changes nothing when %s', (_, damage) => {
      const before = snapshots(peers, ours);
      for (const b of bundles) {
        const file = join(peers.root, `damaged-${b.name}.bundle`);
        writeFileSync(file, damage(b.bytes));
        const r = peers.cli(alice, ours, 'sync', file);
        expect(r.status, `${b.name}: ${r.stdout}`).toBe(1);
        expect((r.json as Failure).error.code, `${b.name}: ${r.stdout}`).toBe('corrupt');
        expectUnchanged(peers, before);
      }
      peers.fsck(ours);
    });

    it.each([
      ['an empty file', () => Buffer.alloc(0)],
      ['a text file', () => Buffer.from('Minutes of the meeting of 3 March\n\nPresent: all.\n')],
      ['a PNG image', () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
      [
        'a bare pack with no bundle header',
        () => bundles[0]!.bytes.subarray(headerEnd(bundles[0]!.bytes)),
      ],
      [
        'a bundle header naming no refs',
        () =>
          Buffer.concat([
            Buffer.from('# v2 git bundle\n\n'),
            bundles[0]!.bytes.subarray(headerEnd(bundles[0]!.bytes)),
          ]),
      ],
      [
        'a bundle of a version git never wrote',
        () => Buffer.concat([Buffer.from('# v9 git bundle\n'), bundles[0]!.bytes.subarray(16)]),
      ],
    ])('fails with corrupt and changes nothing given %s', (_, make) => {
      const before = snapshots(peers, ours);
      const file = join(peers.root, 'not-a.bundle');
      writeFileSync(file, make());
      const r = peers.cli(alice, ours, 'sync', file);
      expect((r.json as Failure).error.code, r.stdout).toBe('corrupt');
      expectUnchanged(peers, before);
      peers.fsck(ours);
    });
  });

  describe('a peer pushing forged statements', () => {
    let forger: string;
    let forged: { path: string; reason: string }[];
    let aliceId: string;

    beforeAll(async () => {
      const mallory = makeSigner('Mallory');
      const bobSigner = await peers.signer(bob);
      const aliceSigner = await peers.signer(alice);
      aliceId = aliceSigner.id;
      forger = peers.copy(base, 'forger');
      // A stranger's vote, signed with the stranger's own valid key.
      const stranger = statementFile(voteOn(group, mallory, peers.next(), motion, 'no'), [mallory]);
      // A vote in Bob's name, signed with the stranger's key.
      const inBobsName = statementFile(
        voteOn(group, { ...mallory, id: bobSigner.id }, peers.next(), motion, 'no'),
        [mallory],
      );
      // Alice's real proposal, its title changed after she signed it.
      const real = statementFile(resolution(group, aliceSigner, peers.next(), 'Pay Alice'), [
        aliceSigner,
      ]);
      const tampered = { ...real, text: real.text.replace('Pay Alice', 'Pay Mallory') };
      // A vote signed by Bob's key whose signature was then damaged.
      const honest = statementFile(voteOn(group, bobSigner, peers.next(), motion, 'no'), [
        bobSigner,
      ]);
      const envelope = JSON.parse(honest.text) as {
        statement: Statement;
        signatures: { signature: string }[];
      };
      const sig = envelope.signatures[0]!;
      sig.signature = `${sig.signature.startsWith('A') ? 'B' : 'A'}${sig.signature.slice(1)}`;
      const badSignature = { ...honest, text: `${JSON.stringify(envelope, null, 2)}\n` };
      for (const f of [stranger, inBobsName, tampered, badSignature]) {
        peers.commitFile(forger, f.path, f.text, 'forged');
      }
      forged = [
        { path: stranger.path, reason: 'non-member' },
        { path: inBobsName.path, reason: 'wrong-key' },
        { path: tampered.path, reason: 'bad-signature' },
        { path: badSignature.path, reason: 'bad-signature' },
      ];
      peers.fsck(forger);
    }, 60_000);

    const byPath = (list: { path: string; reason: string }[]) =>
      list
        .map(({ path, reason }) => ({ path, reason }))
        .sort((a, b) => a.path.localeCompare(b.path));

    /** The statements are in the history, and count for nothing. */
    const keptButNotCounted = (dir: string): void => {
      const tree = peers.tree(dir);
      for (const f of forged) expect(tree.has(f.path), f.path).toBe(true);
      const verified = peers.cli(alice, dir, 'verify').json as {
        ok: boolean;
        quarantined: { path: string; reason: string }[];
      };
      expect(verified.ok).toBe(false);
      expect(byPath(verified.quarantined)).toEqual(byPath(forged));
      const shown = peers.ok<Show>(bob, dir, 'show', motion);
      expect(shown.tally).toMatchObject({ yes: 1, no: 0 });
      expect(shown.votes.map((v) => v.voter)).toEqual([aliceId]);
      expect(peers.ok<{ title: string }[]>(alice, dir, 'list').map((p) => p.title)).toEqual([
        'Open the books',
      ]);
      peers.fsck(dir);
      expectClean(peers, dir);
    };

    it('takes them in by folder, reports them quarantined with their reasons, and counts none', () => {
      const ours = peers.copy(base, 'ours');
      const report = peers.ok<Report>(alice, ours, 'sync', forger);
      expect(report).toMatchObject({ outcome: 'fast-forward', pushed: false });
      expect(report.new.proposals).toEqual([]);
      expect(report.new.votes).toEqual([]);
      expect(byPath(report.new.quarantined)).toEqual(byPath(forged));
      for (const q of report.new.quarantined) expect(q.detail).not.toBe('');
      expect(peers.head(ours)).toBe(peers.head(forger));
      keptButNotCounted(ours);
    });

    it('takes them in when the forger pushes them into our folder', () => {
      const ours = peers.copy(base, 'ours');
      const report = peers.ok<Report>(bob, forger, 'sync', ours);
      expect(report).toMatchObject({ outcome: 'up-to-date', pushed: true });
      expect(peers.head(ours)).toBe(peers.head(forger));
      keptButNotCounted(ours);
    });

    it('takes them in from a bundle, reported the same way', () => {
      const ours = peers.copy(base, 'ours');
      const file = join(peers.root, 'forged.bundle');
      peers.git(forger, 'bundle', 'create', '-q', file, 'main');
      const report = peers.ok<Report>(alice, ours, 'sync', file);
      expect(report.outcome).toBe('fast-forward');
      expect(byPath(report.new.quarantined)).toEqual(byPath(forged));
      keptButNotCounted(ours);
    });
  });

  describe('a server that drops the connection mid-fetch', () => {
    let served: string;
    let serve: Started;
    let stewardUrl: string;
    let backend: HttpBackend;

    beforeAll(async () => {
      const signers = [await peers.signer(alice), await peers.signer(bob)];
      served = peers.copy(base, 'served');
      peers.commitAll(served, busyHistory(peers, group, signers, 200, 'Served'));
      serve = startSteward(['serve', '--repo', served], alice.env(peers.now()));
      stewardUrl = await new Promise<string>((resolve, reject) => {
        serve.child.stdout.once('data', (d: Buffer) =>
          resolve(d.toString('utf8').split('\n')[0]!.trim()),
        );
        void serve.done.then((r) => reject(new Error(`steward serve stopped: ${r.stderr}`)));
      });
      expect(stewardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      backend = await startHttpBackend(served, peers.gitCli.env);
    }, 60_000);

    afterAll(async () => {
      serve.child.kill('SIGTERM');
      await serve.done;
      await backend.close();
    });

    const servers = [
      ['steward serve', () => stewardUrl],
      ['git http-backend', () => backend.url],
    ] as const;

    it.each(servers)(
      'fails with network or corrupt and changes nothing, then syncs from %s itself',
      async (_, urlOf) => {
        const ours = peers.copy(base, 'ours');
        const before = snapshots(peers, ours);
        for (const fraction of [0, 0.01, 0.5, 0.999]) {
          const proxy = await startCuttingProxy(urlOf(), (req, total) =>
            req.method === 'POST' && req.path.endsWith('/git-upload-pack')
              ? Math.min(total - 1, Math.floor(total * fraction))
              : undefined,
          );
          try {
            const r = await peers.cliAsync(alice, ours, 'sync', proxy.url);
            expect(r.status, r.stdout + r.stderr).toBe(1);
            expect(['network', 'corrupt'], r.stdout).toContain((r.json as Failure).error.code);
            expect(proxy.cuts.length, 'the fetch was cut').toBeGreaterThan(0);
          } finally {
            await proxy.close();
          }
          expectUnchanged(peers, before);
          peers.fsck(ours);
        }
        const report = (await peers.cliAsync(alice, ours, 'sync', urlOf())).json as Report;
        expect(report).toMatchObject({ outcome: 'fast-forward', after: peers.head(served) });
        expect(report.new.proposals.length).toBeGreaterThan(50);
        expect(peers.head(ours)).toBe(peers.head(served));
        expect([...peers.tree(ours).keys()]).toEqual([...peers.tree(served).keys()]);
        peers.fsck(ours);
        expectClean(peers, ours);
      },
      120_000,
    );

    it('syncs from a URL ending in a slash, as git clone does', async () => {
      const url = `${backend.url}/`;
      const cloned = peers.path('git-clone');
      const git = await peers.gitCli.runAsync(peers.root, ['clone', '-q', url, cloned]);
      expect(git.status, git.stderr).toBe(0);
      const ours = peers.copy(base, 'ours');
      const r = await peers.cliAsync(alice, ours, 'sync', url);
      expect(r.status, r.stdout).toBe(0);
      expect(peers.head(ours)).toBe(peers.head(cloned));
    });
  });
});

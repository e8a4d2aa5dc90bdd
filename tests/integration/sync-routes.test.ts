/**
 * `steward sync`, `clone` and `remote` between real repos, against the real git CLI: folders
 * (work tree or bare, both directions), refusals that must leave every repo as it was, the sync
 * report, and merges two peers make alike. `git fsck --strict` runs on every repo after every
 * step. Bundles: sync-bundles.test.ts.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli';
import { type Failure, type SyncReport } from '../helpers/sync-peers';
import { expectInSync, expectUnchanged, paths, snapshots } from '../helpers/sync-expect';
import { refusals } from './fixtures/sync-refusals';
import { syncSuite } from '../helpers/sync-suite';

type Report = SyncReport;

describe('steward sync', () => {
  const suite = syncSuite();
  const { peers, fails, sync, addProposals } = suite;
  const { alice, bob } = peers;
  let base: string;
  let proposal: string;
  beforeAll(() => {
    ({ base, proposal } = suite);
  });

  describe('the folder route', () => {
    it('leaves both sides with the union when both have moved, whichever side syncs', async () => {
      const ours = peers.copy(base, 'ours');
      const theirs = peers.copy(base, 'theirs');
      await addProposals(ours, ['Ours']);
      const [motion] = await addProposals(theirs, ['Theirs']);
      peers.ok(bob, theirs, 'vote', motion!, 'no');
      const union = [...new Set([...paths(peers, ours), ...paths(peers, theirs)])].sort();
      const [before, other] = [peers.head(ours), peers.head(theirs)];

      const report = sync(ours, theirs);
      expect(report).toMatchObject({ route: 'folder', outcome: 'merged', pushed: true, before });
      expect(report.new.proposals.map((p) => p.title)).toEqual(['Theirs']);
      expect(report.new.votes).toEqual([
        expect.objectContaining({ proposal: motion, voter: 'Bob' }),
      ]);
      const merged = expectInSync(peers, ours, theirs);
      expect(report.after).toBe(merged);
      expect(
        peers.git(ours, 'rev-list', '--parents', '-n1', merged).split(' ').slice(1).sort(),
      ).toEqual([before, other].sort());
      for (const dir of [ours, theirs]) expect(paths(peers, dir)).toEqual(union);

      // The other side now has everything: nothing to take, nothing to push.
      expect(sync(theirs, ours, bob)).toMatchObject({ outcome: 'up-to-date', pushed: false });
      expectInSync(peers, ours, theirs);
    });

    it('pushes into the other folder when only this side has moved', async () => {
      const ahead = peers.copy(base, 'ahead');
      const behind = peers.copy(base, 'behind');
      await addProposals(ahead, ['Only here']);
      const report = sync(ahead, behind);
      expect(report).toMatchObject({ outcome: 'up-to-date', pushed: true });
      expectInSync(peers, ahead, behind);
      expect(paths(peers, behind)).toEqual(paths(peers, ahead));
      expect(peers.ok<{ title: string }[]>(bob, behind, 'list').map((p) => p.title)).toContain(
        'Only here',
      );
    });

    it('syncs into a bare repo git made empty, then between its clones', () => {
      const hub = peers.path('hub.git');
      peers.git(peers.root, 'init', '-q', '--bare', hub);
      const ours = peers.copy(base, 'ours');
      expect(sync(ours, hub)).toMatchObject({ outcome: 'up-to-date', pushed: true });
      expectInSync(peers, ours, hub);

      const theirs = peers.path('theirs');
      expect(peers.ok<Report>(bob, peers.root, 'clone', hub, theirs)).toMatchObject({
        outcome: 'initial',
      });
      expectInSync(peers, theirs, hub);
      peers.propose(bob, theirs, 'From Bob');
      peers.propose(alice, ours, 'From Alice');
      expect(sync(theirs, hub, bob)).toMatchObject({ outcome: 'up-to-date', pushed: true });
      expect(sync(ours, hub)).toMatchObject({ outcome: 'merged', pushed: true });
      expect(sync(theirs, hub, bob)).toMatchObject({ outcome: 'fast-forward', pushed: false });
      expectInSync(peers, ours, theirs, hub);
      expect(paths(peers, hub)).toEqual(paths(peers, ours));
    });

    it('syncs with a bare repo steward init --bare founded', () => {
      const hub = peers.found('Hub', { bare: true }).dir;
      expect(peers.git(hub, 'rev-parse', '--is-bare-repository')).toBe('true');
      const ours = peers.path('ours');
      peers.ok(alice, peers.root, 'clone', hub, ours);
      const theirs = peers.path('theirs');
      peers.ok(bob, peers.root, 'clone', hub, theirs);
      peers.propose(alice, ours, 'Meet on Fridays');
      peers.propose(bob, theirs, 'Meet on Mondays');
      expect(sync(ours, hub)).toMatchObject({ outcome: 'up-to-date', pushed: true });
      expect(sync(theirs, hub, bob)).toMatchObject({ outcome: 'merged', pushed: true });
      expect(sync(ours, hub)).toMatchObject({ outcome: 'fast-forward', pushed: false });
      expectInSync(peers, ours, theirs, hub);
      expect(
        peers
          .ok<{ title: string }[]>(alice, hub, 'list')
          .map((p) => p.title)
          .sort(),
      ).toEqual(['Meet on Fridays', 'Meet on Mondays']);
    });
  });

  describe('refusals', () => {
    it.each(refusals(peers))(
      'refuses a peer whose history $what, by folder and by bundle, and changes nothing',
      ({ code, message, make, fsck, reverse }) => {
        const hostile = peers.copy(base, 'hostile');
        make(hostile);
        if (fsck) expect(peers.gitCli.fsck(hostile).report).toMatch(fsck);
        else peers.fsck(hostile);
        const bundle = `${peers.path('hostile')}.bundle`;
        peers.git(hostile, 'bundle', 'create', '-q', bundle, 'main');
        const ours = peers.copy(base, 'ours');
        const before = snapshots(peers, ours, hostile);

        for (const target of [hostile, bundle]) {
          const error = fails(ours, 'sync', target);
          expect(error, target).toMatchObject({
            code,
            message: expect.stringMatching(message) as unknown,
          });
          expectUnchanged(peers, before);
        }
        if (reverse) {
          const error = peers.cli(alice, hostile, 'sync', ours).json as Failure;
          expect(error.error.code).toBe(code);
          expectUnchanged(peers, before);
        }
        peers.fsck(ours);
      },
    );

    it('refuses the history of another group, by folder and by bundle, and changes nothing', () => {
      const other = peers.found('Other').dir;
      const bundle = join(peers.root, 'other.bundle');
      peers.ok(alice, other, 'bundle', 'create', bundle);
      const ours = peers.copy(base, 'ours');
      const before = snapshots(peers, ours, other);
      for (const [dir, target] of [
        [ours, other],
        [ours, bundle],
        [other, ours],
      ] as const) {
        const error = fails(dir, 'sync', target);
        expect(error.code).toBe('sync-refused');
        expect(error.message).toMatch(/shares no commit/);
        expectUnchanged(peers, before);
      }
      peers.fsck(ours);
      peers.fsck(other);
    });
  });

  describe('the report', () => {
    it('says what came in, how, and whether it was pushed', () => {
      const hub = peers.copy(base, 'hub');
      const ours = peers.path('ours');
      const cloned = peers.ok<Report & { dir: string }>(alice, peers.root, 'clone', hub, ours);
      expect(cloned).toMatchObject({
        dir: ours,
        route: 'folder',
        outcome: 'initial',
        after: peers.head(base),
        pushed: false,
        new: {
          proposals: [
            { id: proposal, kind: 'resolution', title: 'Keep the minutes here', author: 'Alice' },
          ],
          quarantined: [],
        },
      });
      expect(cloned.before).toBeUndefined();
      expect(cloned.new.votes.map((v) => v.voter).sort()).toEqual(['Alice', 'Bob']);
      expect(cloned.new.closes).toEqual([expect.objectContaining({ proposal })]);
      expect(cloned.new.other).toEqual([
        expect.objectContaining({ type: 'charter', path: 'charter.json' }),
      ]);
      expectInSync(peers, ours, hub);

      // Bob proposes and votes on the hub: a fast-forward brings one proposal and one vote.
      const motion = peers.propose(bob, hub, 'Buy a GPU');
      peers.ok(bob, hub, 'vote', motion, 'yes');
      const before = peers.head(ours);
      const forward = sync(ours, hub);
      expect(forward).toMatchObject({
        outcome: 'fast-forward',
        before,
        after: peers.head(hub),
        pushed: false,
        new: {
          proposals: [{ id: motion, kind: 'resolution', title: 'Buy a GPU', author: 'Bob' }],
          votes: [{ proposal: motion, voter: 'Bob' }],
          closes: [],
          other: [],
          quarantined: [],
        },
      });

      // Both sides move: a merge, pushed back, bringing only what the other side made.
      peers.ok(alice, hub, 'vote', motion, 'yes');
      peers.ok(bob, hub, 'close', motion);
      peers.propose(alice, ours, 'Meet on Fridays');
      const merged = sync(ours, hub);
      expect(merged).toMatchObject({
        outcome: 'merged',
        pushed: true,
        new: {
          proposals: [],
          votes: [{ proposal: motion, voter: 'Alice' }],
          closes: [{ proposal: motion }],
          quarantined: [],
        },
      });
      expectInSync(peers, ours, hub);
      expect(sync(ours, hub)).toMatchObject({
        outcome: 'up-to-date',
        pushed: false,
        new: { proposals: [], votes: [], closes: [], other: [], quarantined: [] },
      });
      expect(peers.ok(alice, ours, 'show', motion)).toMatchObject({
        status: 'passed',
        tally: { yes: 2, no: 0 },
      });
    });
  });

  describe('merges', () => {
    it('are the same commit whichever peer makes them, by bundle or by folder', async () => {
      const a = peers.copy(base, 'a');
      const b = peers.copy(base, 'b');
      await addProposals(a, ['From A']);
      await addProposals(b, ['From B']);
      const [bundleA, bundleB] = [join(peers.root, 'a.bundle'), join(peers.root, 'b.bundle')];
      peers.ok(alice, a, 'bundle', 'create', bundleA);
      peers.ok(alice, b, 'bundle', 'create', bundleB);

      // Each takes the other's bundle, alone: the two merges are one commit.
      const [a1, b1] = [peers.copy(a, 'a1'), peers.copy(b, 'b1')];
      const m1 = sync(a1, bundleB);
      const m2 = sync(b1, bundleA);
      expect(m1.outcome).toBe('merged');
      expect(m2.outcome).toBe('merged');
      expect(m1.after).toBe(m2.after);
      expectInSync(peers, a1, b1);
      expect(sync(a1, bundleB).outcome).toBe('up-to-date');
      expect(sync(b1, bundleA).outcome).toBe('up-to-date');

      // By folder, either way round, the same commit again.
      const [a2, b2] = [peers.copy(a, 'a2'), peers.copy(b, 'b2')];
      expect(sync(b2, a2, bob)).toMatchObject({ outcome: 'merged', after: m1.after, pushed: true });
      expectInSync(peers, a2, b2, a1);
      expect(sync(a2, b2)).toMatchObject({ outcome: 'up-to-date', pushed: false });

      const parents = peers.git(a1, 'rev-list', '--parents', '-n1', 'main').split(' ').slice(1);
      expect(parents.sort()).toEqual([peers.head(a), peers.head(b)].sort());
    });
  });

  describe('remotes', () => {
    it('adds, lists and removes remotes git sees', () => {
      const ours = peers.copy(base, 'ours');
      peers.ok(alice, ours, 'remote', 'add', 'origin', 'https://example.invalid/guild.git');
      peers.ok(alice, ours, 'remote', 'add', 'peer.bob', 'http://192.168.1.20:8080/');
      // Never synced with either: every commit here is still to send.
      const status = { ahead: Number(peers.git(ours, 'rev-list', '--count', 'HEAD')), behind: 0 };
      expect(peers.ok<unknown[]>(alice, ours, 'remote', 'list')).toEqual([
        { name: 'origin', url: 'https://example.invalid/guild.git', status },
        { name: 'peer.bob', url: 'http://192.168.1.20:8080/', status },
      ]);
      expect(peers.git(ours, 'remote', '-v').split('\n').sort()).toEqual([
        'origin\thttps://example.invalid/guild.git (fetch)',
        'origin\thttps://example.invalid/guild.git (push)',
        'peer.bob\thttp://192.168.1.20:8080/ (fetch)',
        'peer.bob\thttp://192.168.1.20:8080/ (push)',
      ]);
      expect(fails(ours, 'remote', 'add', 'origin', 'https://example.invalid/other.git').code).toBe(
        'conflict',
      );
      peers.ok(alice, ours, 'remote', 'remove', 'origin');
      expect(peers.git(ours, 'remote')).toBe('peer.bob');
      expect(fails(ours, 'remote', 'remove', 'origin').code).toBe('not-found');
      peers.fsck(ours);
    });

    it('names a folder holding a copy of the group, and syncs with it by name or with every remote', async () => {
      const ours = peers.copy(base, 'ours');
      const usb = peers.copy(base, 'usb');
      const other = peers.copy(base, 'other');
      peers.ok(alice, ours, 'remote', 'add', 'usb', usb);
      peers.ok(alice, ours, 'remote', 'add', 'other', other);
      await addProposals(ours, ['To the stick']);
      // With no argument, every remote: the folders by the folder route, not as URLs.
      const reports = peers.ok<Report[]>(alice, ours, 'sync');
      expect(reports.map((r) => r.route)).toEqual(['folder', 'folder']);
      expectInSync(peers, ours, usb);
      expectInSync(peers, ours, other);
      const [theirs] = await addProposals(usb, ['From the stick']);
      expect(peers.ok<Report>(alice, ours, 'sync', 'usb')).toMatchObject({
        route: 'folder',
        outcome: 'fast-forward',
      });
      expect(paths(peers, ours).some((p) => p.includes(theirs!))).toBe(true);
      // Listed as in step once synced: the folder's main is recorded like any remote's.
      expect(peers.ok<{ name: string; status: unknown }[]>(alice, ours, 'remote', 'list')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'usb',
            status: expect.objectContaining({ ahead: 0, behind: 0 }) as unknown,
          }),
        ]),
      );
      // A relative path, or a folder that is no copy of this group, is refused as it is named.
      expect(fails(ours, 'remote', 'add', 'rel', 'some/folder').code).toBe('invalid-argument');
      expect(fails(ours, 'remote', 'add', 'self', ours).code).toBe('invalid-argument');
      peers.fsck(ours);
    });

    it('refuses names and URLs it could not use, and changes nothing', () => {
      const ours = peers.copy(base, 'ours');
      const before = snapshots(peers, ours);
      const url = 'https://example.invalid/g.git';
      const cases: [string, string][] = [
        ['', url],
        ['-upload-pack', url],
        ['.hidden', url],
        ['a b', url],
        ['a/b', url],
        ['..', url],
        ['x'.repeat(65), url],
        ['origin', 'ftp://example.invalid/g.git'],
        ['origin', 'file:///etc/passwd'],
        ['origin', 'ssh://git@example.invalid/g.git'],
        ['origin', 'git@example.invalid:g.git'],
        ['origin', 'javascript:alert(1)'],
        ['origin', 'not a url'],
      ];
      for (const [name, target] of cases) {
        // After `--`, so a name that looks like an option still reaches the check.
        const r = steward(
          ['remote', 'add', '--repo', ours, '--json', '--', name, target],
          alice.env(peers.now()),
        );
        expect((r.json as Failure).error.code, `${JSON.stringify(name)} ${target}`).toBe(
          'invalid-argument',
        );
        expect(r.status).toBe(1);
      }
      expectUnchanged(peers, before);
      expect(peers.git(ours, 'remote')).toBe('');
    });
  });

  describe('clone', () => {
    it('makes a new repo from a folder or a bundle, and refuses to clone over a repo', () => {
      const file = join(peers.root, 'clone.bundle');
      peers.ok(alice, base, 'bundle', 'create', file);
      for (const source of [base, file]) {
        const dir = peers.path('clone');
        expect(peers.ok<Report>(bob, peers.root, 'clone', source, dir)).toMatchObject({
          outcome: 'initial',
          pushed: false,
        });
        expectInSync(peers, dir, base);
        expect(paths(peers, dir)).toEqual(paths(peers, base));
        expect(peers.ok(bob, dir, 'verify', '--strict')).toMatchObject({
          ok: true,
          quarantined: [],
        });
      }
      const taken = peers.copy(base, 'taken');
      const before = snapshots(peers, taken, base);
      const r = steward(['clone', base, taken, '--json'], bob.env(peers.now()));
      expect((r.json as Failure).error.code).toBe('repo-exists');
      expectUnchanged(peers, before);
    });
  });
});

/**
 * Bundles between Steward and the git CLI, either way: full and incremental, thin packs with
 * deltas, v2 and v3. `git fsck --strict` runs on every repo after every step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SyncReport } from '../helpers/sync-peers';
import { expectInSync, expectUnchanged, paths, snapshots } from '../helpers/sync-expect';
import { minutes, syncSuite } from '../helpers/sync-suite';

type Report = SyncReport;

describe('steward sync with bundles', () => {
  const suite = syncSuite();
  const { peers, fails, sync, addProposals } = suite;
  const { alice } = peers;
  let base: string;
  beforeAll(() => {
    ({ base } = suite);
  });

  describe('bundles and the git CLI', () => {
    it('writes a full bundle git bundle verify, git fetch and git clone take', () => {
      const file = join(peers.root, 'full.bundle');
      const made = peers.ok<{ head: string; prerequisites: string[]; objects: number }>(
        alice,
        base,
        'bundle',
        'create',
        file,
      );
      expect(made).toMatchObject({ head: peers.head(base), prerequisites: [] });
      const empty = peers.path('empty');
      peers.git(peers.root, 'init', '-q', '--bare', empty);
      expect(peers.gitRun(empty, ['bundle', 'verify', file]).status).toBe(0);
      peers.git(empty, 'fetch', '-q', file, 'refs/heads/main:refs/heads/main');
      expect(peers.head(empty)).toBe(peers.head(base));
      peers.fsck(empty);
      const cloned = peers.path('git-clone');
      peers.git(peers.root, 'clone', '-q', file, cloned);
      expect(peers.git(cloned, 'rev-parse', 'HEAD')).toBe(peers.head(base));
      expect(paths(peers, cloned)).toEqual(paths(peers, base));
      expect(peers.clean(cloned)).toEqual({ status: '', cached: '' });
      peers.fsck(cloned);
      expect(peers.git(cloned, 'rev-list', '--count', 'HEAD')).toBe(
        peers.git(base, 'rev-list', '--count', 'main'),
      );
    });

    it('writes an incremental bundle (--since) that git verifies and fetches on top of its prerequisite', async () => {
      const ahead = peers.copy(base, 'ahead');
      const since = peers.head(ahead)!;
      await addProposals(ahead, ['Second', 'Third']);
      const file = join(peers.root, 'since.bundle');
      const made = peers.ok<{ prerequisites: string[]; objects: number }>(
        alice,
        ahead,
        'bundle',
        'create',
        file,
        '--since',
        since.slice(0, 10),
      );
      expect(made.prerequisites).toEqual([since]);
      // Two commits, each with its root tree, proposals/ and proposals/xx/ trees, a folder and a file.
      expect(made.objects).toBeLessThanOrEqual(2 * 6);

      const behind = peers.path('git-behind');
      peers.git(peers.root, 'clone', '-q', '--bare', base, behind);
      expect(peers.gitRun(behind, ['bundle', 'verify', file]).status).toBe(0);
      peers.git(behind, 'fetch', '-q', file, 'refs/heads/main:refs/heads/main');
      expect(peers.head(behind)).toBe(peers.head(ahead));
      peers.fsck(behind);

      // A repo without the prerequisite: git says so too.
      const stranger = peers.path('stranger');
      peers.git(peers.root, 'init', '-q', stranger);
      const verify = peers.gitRun(stranger, ['bundle', 'verify', file]);
      expect(verify.status).not.toBe(0);
      expect(verify.stderr).toContain(since);

      // And Steward takes its own incremental bundle.
      const mine = peers.copy(base, 'mine');
      const report = sync(mine, file);
      expect(report).toMatchObject({ route: 'bundle', outcome: 'fast-forward', pushed: false });
      expect(report.new.proposals.map((p) => p.title).sort()).toEqual(['Second', 'Third']);
      expectInSync(peers, mine, ahead);
    });

    it('imports full bundles git made, version 2 and 3', () => {
      for (const version of ['2', '3']) {
        const file = join(peers.root, `git-v${version}.bundle`);
        peers.git(base, 'bundle', 'create', '-q', `--version=${version}`, file, 'main');
        expect(readFileSync(file, 'latin1').startsWith(`# v${version} git bundle`)).toBe(true);
        const dir = peers.path(`from-git-v${version}`);
        const cloned = peers.ok<Report & { dir: string }>(alice, peers.root, 'clone', file, dir);
        expect(cloned).toMatchObject({ route: 'bundle', outcome: 'initial', dir });
        expect(paths(peers, dir)).toEqual(paths(peers, base));
        expectInSync(peers, dir, base);
        expect(sync(dir, file).outcome).toBe('up-to-date');
      }
    });

    it('imports an incremental bundle git made, whose thin pack holds deltas against objects it leaves out', async () => {
      const ahead = peers.copy(base, 'git-ahead');
      // Enough proposals that the proposals/ tree is large: the next version of it is a delta.
      await addProposals(
        ahead,
        Array.from({ length: 80 }, (_, i) => `Earlier motion ${i}`),
      );
      const since = peers.head(ahead)!;
      const behind = peers.copy(ahead, 'behind');
      // New proposals much like one another (60 lines of text each): git stores them as deltas.
      const titles = Array.from({ length: 6 }, (_, i) => `Minutes of meeting ${i + 1}`);
      const ids = await addProposals(ahead, titles, minutes(7));
      const file = join(peers.root, 'git-thin.bundle');
      peers.git(ahead, 'bundle', 'create', '-q', file, 'main', `^${since}`);
      const bytes = readFileSync(file);
      const pack = bytes.subarray(bytes.indexOf('\n\nPACK') + 2);
      // Alone, the pack cannot be indexed: some of its deltas build on the prerequisite's objects.
      const empty = peers.path('empty');
      peers.git(peers.root, 'init', '-q', '--bare', empty);
      expect(peers.gitRun(empty, ['index-pack', '--stdin'], pack).stderr).toMatch(
        /pack has \d+ unresolved delta/,
      );
      // With them it can, and its blobs are deltas of one another.
      const fixed = peers.copy(behind, 'fixed');
      const packed = peers.gitRun(fixed, ['index-pack', '--stdin', '--fix-thin'], pack);
      expect(packed.status, packed.stderr).toBe(0);
      const idx = join(
        fixed,
        '.git',
        'objects',
        'pack',
        `pack-${packed.stdout.trim().split(/\s+/).at(-1)}.idx`,
      );
      const rows = peers.git(fixed, 'verify-pack', '-v', idx).split('\n');
      expect(
        rows.filter((r) => / blob +\d+ \d+ \d+ \d+ [0-9a-f]{40}$/.test(r)).length,
      ).toBeGreaterThan(3);

      const report = sync(behind, file);
      expect(report).toMatchObject({ route: 'bundle', outcome: 'fast-forward', before: since });
      expect(report.new.proposals.map((p) => p.id).sort()).toEqual([...ids].sort());
      expect(report.new.quarantined).toEqual([]);
      expectInSync(peers, behind, ahead);
      expect(paths(peers, behind)).toEqual(paths(peers, ahead));
      // git reads every object back whole: nothing in the repo depends on a missing base.
      expect(peers.gitRun(behind, ['cat-file', '--batch-all-objects', '--batch']).status).toBe(0);
    });

    it('refuses a bundle whose prerequisites are missing, naming them, and changes nothing', async () => {
      const ahead = peers.copy(base, 'ahead');
      await addProposals(ahead, ['One']);
      const first = peers.head(ahead)!;
      await addProposals(ahead, ['Two']);
      const stale = peers.copy(base, 'stale');
      const before = snapshots(peers, stale);

      const mine = join(peers.root, 'needs-one.bundle');
      peers.ok(alice, ahead, 'bundle', 'create', mine, '--since', first);
      const theirs = join(peers.root, 'git-needs-one.bundle');
      peers.git(ahead, 'bundle', 'create', '-q', theirs, 'main', `^${first}`);
      for (const file of [mine, theirs]) {
        const error = fails(stale, 'sync', file);
        expect(error.code).toBe('missing-prerequisites');
        expect(error.message).toContain(first.slice(0, 12));
        expectUnchanged(peers, before);
        peers.fsck(stale);
      }
    });
  });
});

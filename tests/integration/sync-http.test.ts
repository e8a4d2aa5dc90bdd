/**
 * `steward sync` over HTTP with a peer's `steward serve`: a member who wrote offline gets only
 * what is new (the peer's last known main is offered as a commit this repo has, not just this
 * repo's own main, which the peer has never seen), then pushes as a member.
 */
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { serveRepo } from '../../electron/core/server/serve';
import { syncSuite } from '../helpers/sync-suite';

type Report = { outcome: string; objects: number; pushed: boolean; new: { proposals: unknown[] } };

describe('steward sync over HTTP', () => {
  const suite = syncSuite();
  const { peers } = suite;

  /** The CLI in its own process, without blocking this one, which runs the server. */
  const run = async (who: typeof peers.bob, dir: string, ...args: string[]): Promise<Report> => {
    const r = await peers.cliAsync(who, dir, ...args);
    expect(r.status, `steward ${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
    return r.json as Report;
  };

  it('brings only what is new to a repo that wrote offline, then pushes it', async () => {
    const served = await serveRepo({ ledger: await Ledger.open(suite.base) });
    try {
      const mine = peers.path('bob-clone');
      const cloned = await run(peers.bob, peers.root, 'clone', served.url, mine);
      expect(cloned.outcome).toBe('initial');
      const all = cloned.objects;

      peers.propose(peers.bob, mine, 'Written offline');
      peers.propose(peers.alice, suite.base, 'Written at the host');
      const synced = await run(peers.bob, mine, 'sync', 'origin');
      expect(synced).toMatchObject({ outcome: 'merged', pushed: true });
      expect(synced.new.proposals).toHaveLength(1);
      // One statement's commit, blob and trees: not the whole history again.
      expect(synced.objects).toBeGreaterThan(0);
      expect(synced.objects).toBeLessThan(all / 2);
      expect(peers.head(suite.base)).toBe(peers.head(mine));
      expect((await run(peers.bob, mine, 'sync', 'origin')).outcome).toBe('up-to-date');
      peers.fsck(mine);
      peers.fsck(suite.base);
    } finally {
      await served.close();
    }
  });
});

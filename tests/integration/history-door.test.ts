/**
 * What a peer's history holds on the way to its tip is checked at the door too: a commit that
 * deletes or changes a file one of its parents held is refused, wherever it sits. So a tree bomb
 * planted in one commit and taken out by the next never reaches the ledger's history walk, and a
 * statement cannot be slipped in and out of a history unseen.
 */
import { describe, expect, it } from 'vitest';
import { plantAt, treeBomb } from '../../bench/bomb-fixture';
import { StewardError } from '../../shared/errors';
import { Ledger } from '../../electron/core/ledger/ledger';
import { MAX_PATHS } from '../../electron/core/ledger/limits';
import { syncSuite } from '../helpers/sync-suite';
import { expectUnchanged, snapshots } from '../helpers/sync-expect';

describe('a history that takes something out on the way to its tip', () => {
  const suite = syncSuite();
  const { peers, fails } = suite;

  /** A copy of the group whose main gets `plant`'s commit, then one back to the base's tree. */
  const inAndOut = (plant: (dir: string) => string): { dir: string; out: string } => {
    const dir = peers.copy(suite.base, 'hostile');
    const base = peers.git(dir, 'rev-parse', 'main^{tree}').trim();
    const planted = plant(dir);
    const out = peers.git(dir, 'commit-tree', base, '-p', planted, '-m', 'take it out').trim();
    peers.git(dir, 'update-ref', 'refs/heads/main', out, planted);
    // git itself finds nothing wrong with it.
    peers.fsck(dir);
    return { dir, out };
  };

  it.each([
    [
      'a tree bomb of 40^4 paths',
      (dir: string) =>
        plantAt(peers.gitCli.env, dir, {
          trees: [['junk', treeBomb(peers.gitCli.env, dir, 40, 4)]],
        }),
      'junk',
    ],
    [
      'a file',
      (dir: string) => {
        const blob = peers.gitCli.ok(dir, ['hash-object', '-w', '--stdin'], '{}\n');
        return plantAt(peers.gitCli.env, dir, { files: [['notes/x.json', blob]] });
      },
      'notes',
    ],
  ])('is refused when it brought %s and took it out, and changes nothing', (_, plant, path) => {
    const hostile = inAndOut(plant);
    const ours = peers.copy(suite.base, 'ours');
    const before = snapshots(peers, ours);
    const error = fails(ours, 'sync', hostile.dir);
    expect(error).toMatchObject({ code: 'sync-refused' });
    expect(error.message).toContain(
      `commit ${hostile.out} of the incoming history deletes ${path}`,
    );
    expectUnchanged(peers, before);
    const into = peers.path('clone');
    const cloneError = fails(peers.root, 'clone', hostile.dir, into);
    expect(cloneError, cloneError.message).toMatchObject({ code: 'sync-refused' });
  });

  it('stops the ledger, where a hand-made commit took a tree bomb out, as its own reader would', async () => {
    const { dir } = inAndOut((d) =>
      plantAt(peers.gitCli.env, d, { trees: [['junk', treeBomb(peers.gitCli.env, d, 40, 4)]] }),
    );
    const error = await (
      await Ledger.open(dir)
    )
      .load(new Date(peers.now()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect(error).toMatchObject({ code: 'invalid-statement' });
    expect((error as StewardError).message).toContain(`drops over ${MAX_PATHS} entries`);
  });
});

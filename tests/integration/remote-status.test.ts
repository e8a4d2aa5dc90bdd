/**
 * Where a repo stands with each remote since the last sync: counted from the recorded main of the
 * remote, as `git rev-list --count` counts them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { found } from '../../electron/core/governance/found';
import { propose } from '../../electron/core/governance/propose';
import { Ledger } from '../../electron/core/ledger/ledger';
import {
  addRemote,
  peerRef,
  recordRemoteHead,
  remotesWithStatus,
  remoteStatus,
} from '../../electron/core/sync/remotes';
import { git, tempDir } from '../helpers/cli';
import { makeSigner } from '../helpers/memory-group';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const alice = makeSigner('Alice');

const count = (dir: string, range: string): number =>
  Number(git(dir, 'rev-list', '--count', range).trim());

describe('the status of a remote', () => {
  it('counts what each side had that the other lacked, as git does', async () => {
    const dir = join(tempDir(), 'g');
    await found({ path: dir, name: 'G', founders: [], rules: {}, signer: alice, now: NOW });
    const ledger = await Ledger.open(dir);
    const ctx = { ledger, signer: alice, now: NOW };
    const origin = { name: 'origin', url: 'https://git.example.org/g.git' };
    await addRemote(ledger.repo, origin.name, origin.url);

    // Never synced: everything here is still to send, and there is no time.
    await propose(ctx, { kind: 'resolution', title: 'One', params: {} });
    expect(await remoteStatus(ledger.repo, origin)).toEqual({ ahead: 2, behind: 0 });

    // A sync records the remote's main; then two statements are written here.
    const synced = (await ledger.head())!;
    const before = Date.now();
    await recordRemoteHead(ledger.repo, peerRef({ remote: origin.name, url: origin.url }), synced);
    await propose(ctx, { kind: 'resolution', title: 'Two', params: {} });
    await propose(ctx, { kind: 'resolution', title: 'Three', params: {} });
    const status = await remoteStatus(ledger.repo, origin);
    expect(status).toMatchObject({ ahead: 2, behind: 0 });
    expect(status.ahead).toBe(count(dir, 'origin/main..HEAD'));
    expect(Date.parse(status.synced!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(status.synced!)).toBeLessThanOrEqual(Date.now() + 1000);

    // The remote had a commit this repo never merged (a sync that stopped short of merging).
    const theirs = git(
      dir,
      '-c',
      'user.name=Peer',
      '-c',
      'user.email=peer@x',
      'commit-tree',
      `${synced}^{tree}`,
      '-p',
      synced,
      '-m',
      'theirs',
    ).trim();
    await recordRemoteHead(ledger.repo, peerRef({ remote: origin.name, url: origin.url }), theirs);
    expect(await remoteStatus(ledger.repo, origin)).toMatchObject({ ahead: 2, behind: 1 });
    expect(count(dir, 'HEAD..origin/main')).toBe(1);

    // A sync that merged theirs in but could not push: the merge and ours are still to send,
    // and nothing of theirs is missing here — however long the shared history below.
    for (let i = 0; i < 5; i++)
      await propose(ctx, { kind: 'resolution', title: `More ${i}`, params: {} });
    git(dir, '-c', 'user.name=Peer', '-c', 'user.email=peer@x', 'merge', '-q', '--no-edit', theirs);
    const merged = await remoteStatus(ledger.repo, origin);
    expect(merged).toMatchObject({
      ahead: count(dir, 'origin/main..HEAD'),
      behind: count(dir, 'HEAD..origin/main'),
    });
    expect(merged).toMatchObject({ ahead: 8, behind: 0 });
  });

  it('says nothing of a remote whose recorded main is not in the repo, and the rest as usual', async () => {
    const dir = join(tempDir(), 'g');
    await found({ path: dir, name: 'G', founders: [], rules: {}, signer: alice, now: NOW });
    const ledger = await Ledger.open(dir);
    await addRemote(ledger.repo, 'gone', 'https://git.example.org/gone.git');
    await addRemote(ledger.repo, 'fine', 'https://git.example.org/fine.git');
    await recordRemoteHead(
      ledger.repo,
      peerRef({ remote: 'gone', url: 'https://git.example.org/gone.git' }),
      'a'.repeat(40),
    );
    const listed = await remotesWithStatus(ledger.repo);
    expect(listed).toEqual([
      { name: 'gone', url: 'https://git.example.org/gone.git' },
      { name: 'fine', url: 'https://git.example.org/fine.git', status: { ahead: 1, behind: 0 } },
    ]);
  });
});

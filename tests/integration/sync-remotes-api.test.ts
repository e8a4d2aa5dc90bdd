/**
 * The Sync screen's remotes through the real API on real repos: a folder holding a copy of the
 * group named as a remote (and what is refused in its place), a sync with it by name that leaves
 * its status current, and a remote removed from git's own config.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RemoteView, SyncView } from '../../shared/api-types';
import { Api, type ApiSession } from '../../electron/core/api/api';
import { Workspace } from '../../electron/core/api/workspace';
import { Ledger } from '../../electron/core/ledger/ledger';
import { git, Person, steward, tempDir } from '../helpers/cli';

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();

const refusal = (p: Promise<unknown>): Promise<{ code?: string; message?: string }> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  );

describe('sync remotes through the API', () => {
  const root = tempDir('steward-remotes-');
  const repo = join(root, 'guild');
  const stick = join(root, 'usb', 'guild.git');
  const other = join(root, 'other');
  const alice = new Person(join(root, 'alice'), repo);
  const host: ApiSession = { id: 'host-window', admitted: true, host: true };
  const guest: ApiSession = { id: 'guest', admitted: true, host: false };
  let call: <T>(channel: string, arg?: unknown, session?: ApiSession) => Promise<T>;

  beforeAll(async () => {
    alice.json(at(0), 'identity', 'create', '--name', 'Alice');
    for (const [dir, name] of [
      [repo, 'Guild'],
      [other, 'Other'],
    ] as const) {
      const made = steward(['init', dir, '--name', name, '--json'], alice.env(at(1)));
      expect(made.status, made.stderr).toBe(0);
    }
    // The USB stick holds a copy made by git itself.
    execFileSync('git', ['clone', '--quiet', '--bare', repo, stick]);
    const api = new Api({
      workspace: new Workspace(alice.home, await Ledger.open(repo)),
      transport: 'electron',
      version: '1',
    });
    call = <T>(channel: string, arg: unknown = {}, session = host) =>
      api.invoke(channel, arg, session) as Promise<T>;
  }, 60_000);

  it.each([
    ['a relative path', () => 'usb/guild.git', /is not a URL/],
    ['a folder that does not exist', () => join(root, 'nowhere'), /no such folder/],
    [
      'a file',
      () => (writeFileSync(join(root, 'f.bundle'), 'x'), join(root, 'f.bundle')),
      /is a file/,
    ],
    ['a folder with no repo', () => tempDir('steward-empty-'), /not a Steward repo/],
    ['another group', () => other, /holds another group/],
    ['this group itself', () => repo, /this group's own folder/],
  ])('refuses %s as a folder remote, in words', async (_what, path, message) => {
    const refused = await refusal(call('sync:addRemote', { name: 'x', url: path() }));
    expect(refused.message).toMatch(message);
    expect((await call<{ remotes: RemoteView[] }>('sync:remotes')).remotes).toEqual([]);
  });

  it('names a folder holding a copy of the group as a remote, as git does', async () => {
    const { remotes } = await call<{ remotes: RemoteView[] }>('sync:addRemote', {
      name: 'usb',
      url: stick,
    });
    // Never synced yet: every commit here counts as one to send.
    const commits = Number(git(repo, 'rev-list', '--count', 'HEAD'));
    expect(remotes).toEqual([{ name: 'usb', url: stick, status: { ahead: commits, behind: 0 } }]);
    expect(git(repo, 'remote', '-v')).toContain(`usb\t${stick} (fetch)`);
    const again = await refusal(call('sync:addRemote', { name: 'usb', url: stick }));
    expect(again.code).toBe('conflict');
  });

  it('syncs with the folder remote by its name, and its status is current at once', async () => {
    alice.json(at(2), 'propose', 'resolution', '--title', 'Meet on Fridays');
    const before = (await call<{ remotes: RemoteView[] }>('sync:remotes')).remotes[0]!;
    expect(before.status).toMatchObject({
      ahead: Number(git(repo, 'rev-list', '--count', 'HEAD')),
      behind: 0,
    });
    expect(before.status?.synced).toBeUndefined();
    const result = await call<SyncView>('sync:run', { runId: 'r1', target: 'usb' });
    expect(result).toMatchObject({ target: 'usb', route: 'folder', pushed: true });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(git(stick, 'rev-parse', 'main').trim()).toBe(head);
    const after = (await call<{ remotes: RemoteView[] }>('sync:remotes')).remotes[0]!;
    expect(after.status).toMatchObject({ ahead: 0, behind: 0 });
    expect(Date.parse(after.status!.synced!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('removes a remote for the host alone, and says when there is none by that name', async () => {
    const denied = await refusal(call('sync:removeRemote', { name: 'usb' }, guest));
    expect(denied.code).toBe('unauthorized');
    const { remotes } = await call<{ remotes: RemoteView[] }>('sync:removeRemote', {
      name: 'usb',
    });
    expect(remotes).toEqual([]);
    expect(git(repo, 'remote')).toBe('');
    const missing = await refusal(call('sync:removeRemote', { name: 'usb' }));
    expect(missing).toEqual({ code: 'not-found', message: 'no remote named usb' });
    const hostile = await refusal(call('sync:removeRemote', { name: '../../config' }));
    expect(hostile.code).toBe('invalid-argument');
  });
});

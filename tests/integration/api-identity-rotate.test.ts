/**
 * Replacing the key from the app's Settings (identity:rotate), through the real API on a real
 * repo: the group learns the new key from a statement signed with the old, and the member goes on
 * writing with it; where the identity is no member (the demo), nothing changes.
 */
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppView, GroupSnapshot, SessionView } from '../../shared/api-types';
import { Api, type ApiSession } from '../../electron/core/api/api';
import { Workspace } from '../../electron/core/api/workspace';
import { tempDir } from '../helpers/cli';

const PASS = 'correct horse battery';

describe('identity:rotate from the app', () => {
  const home = tempDir('steward-rotate-');
  const api = new Api({ workspace: new Workspace(home), transport: 'electron', version: '1' });
  const host: ApiSession = { id: 'window', admitted: true, host: true };
  const call = <T>(channel: string, arg: unknown = {}): Promise<T> =>
    api.invoke(channel, arg, host) as Promise<T>;
  afterAll(() => api.stop());

  it('gives the member a new key the group knows, and writes go on with it', async () => {
    const before = await call<SessionView>('identity:create', { name: 'Ana', passphrase: PASS });
    await call<AppView>('group:found', { name: 'Solo' });
    const after = await call<SessionView>('identity:rotate', { passphrase: PASS });
    expect(after.identity?.id).toBe(before.identity?.id);
    expect(after.identity?.publicKey).not.toBe(before.identity?.publicKey);
    expect(after.member).toBe(true);
    const { state } = await call<GroupSnapshot>('group:get');
    expect(state.members[0]?.publicKey).toBe(after.identity?.publicKey);
    await call('proposals:create', { kind: 'resolution', title: 'After the rotation', params: {} });
    const { state: later } = await call<GroupSnapshot>('group:get');
    expect(later.proposals.map((p) => p.title)).toEqual(['After the rotation']);
    expect(later.quarantined).toEqual([]);
  });

  it('refuses where the identity is no member, and keeps the key', async () => {
    const dir = tempDir('steward-rotate-other-');
    const other = new Api({ workspace: new Workspace(dir), transport: 'electron', version: '1' });
    const otherHost: ApiSession = { id: 'other', admitted: true, host: true };
    await other.invoke('identity:create', { name: 'Ben', passphrase: PASS }, otherHost);
    const theirs = (await other.invoke('group:found', { name: 'Theirs' }, otherHost)) as AppView;
    await other.stop();
    await call('group:open', { dir: theirs.group!.dir });
    const before = await call<SessionView>('session:get');
    await expect(call('identity:rotate', { passphrase: PASS })).rejects.toMatchObject({
      code: 'not-a-member',
    });
    const after = await call<SessionView>('session:get');
    expect(after.identity?.publicKey).toBe(before.identity?.publicKey);
    expect(readdirSync(home).filter((f) => f.startsWith('identity.'))).toEqual(['identity.json']);
  });
});

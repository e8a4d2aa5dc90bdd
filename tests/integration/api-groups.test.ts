/**
 * The groups a host's app knows and moves between, through the real API on real repos: founding
 * with further founders (a draft that waits for their signatures, signed in the same folder),
 * the list of known groups, opening another by its full path, and the state the app is told
 * after a switch.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  AppView,
  GroupDelta,
  GroupSnapshot,
  KnownGroup,
  SessionView,
} from '../../shared/api-types';
import { applyDelta, isDelta } from '../../shared/group-delta';
import { Api, type ApiSession } from '../../electron/core/api/api';
import { Workspace } from '../../electron/core/api/workspace';
import { tempDir } from '../helpers/cli';

const PASS = 'correct horse battery';

/** One machine's app: its own home, its host window, its identity. */
const machine = async (name: string) => {
  const home = tempDir(`steward-groups-${name}-`);
  const api = new Api({ workspace: new Workspace(home), transport: 'electron', version: '1' });
  const host: ApiSession = { id: `${name}-window`, admitted: true, host: true };
  const call = <T>(channel: string, arg: unknown = {}, session = host): Promise<T> =>
    api.invoke(channel, arg, session) as Promise<T>;
  const view = await call<SessionView>('identity:create', { name, passphrase: PASS });
  return { home, api, host, call, identity: view.identity! };
};

const refusal = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  );

describe('groups on the host', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('founds with a further founder: the draft waits, and they sign it in the same folder', async () => {
    const ana = await machine('Ana');
    const ben = await machine('Ben');
    made.push(ana.home, ben.home);
    const key = (await ben.call<SessionView>('session:get')).localIdentity!.publicKey;
    const draft = await ana.call<AppView>('group:found', {
      name: 'Guild',
      founders: [{ name: 'Ben', key }],
    });
    expect(draft.group?.dir).toMatch(/guild-/);
    expect(draft.charterDraft).toEqual({
      name: 'Guild',
      founders: [
        { id: ana.identity.id, name: 'Ana', signed: true },
        { id: expect.any(String) as string, name: 'Ben', signed: false },
      ],
    });
    // The list names the draft's group, though nothing is committed yet.
    const { groups } = await ana.call<{ groups: KnownGroup[] }>('group:list');
    expect(groups).toEqual([{ dir: draft.group!.dir, name: 'Guild', demo: false, open: true }]);
    // Ana signing again changes nothing: the draft still waits for Ben.
    const again = await ana.call<AppView>('group:signCharter');
    expect(again.charterDraft?.founders.map((f) => f.signed)).toEqual([true, false]);

    const opened = await ben.call<AppView>('group:open', { dir: draft.group!.dir });
    expect(opened.charterDraft?.founders.find((f) => f.name === 'Ben')?.signed).toBe(false);
    const signed = await ben.call<AppView>('group:signCharter');
    expect(signed.charterDraft).toBeUndefined();
    expect(signed.group).toMatchObject({ dir: draft.group!.dir, name: 'Guild', demo: false });
    expect((await ben.call<SessionView>('session:get')).member).toBe(true);
    // Ana's app sees the group founded beside it, both members in it.
    const now = await ana.call<AppView>('app:get');
    expect(now.charterDraft).toBeUndefined();
    expect(now.group?.name).toBe('Guild');
    const { state } = await ana.call<GroupSnapshot>('group:get');
    expect(state.members.map((m) => m.name).sort()).toEqual(['Ana', 'Ben']);
    await Promise.all([ana.api.stop(), ben.api.stop()]);
  });

  it('refuses to sign where there is no draft, or for someone it does not name', async () => {
    const ana = await machine('Ana');
    const eve = await machine('Eve');
    made.push(ana.home, eve.home);
    const solo = await ana.call<AppView>('group:found', { name: 'Solo' });
    expect(solo.charterDraft).toBeUndefined();
    expect(await refusal(ana.call('group:signCharter'))).toMatchObject({ code: 'not-found' });
    const key = (await machine('Ben')).identity.publicKey;
    const duo = await ana.call<AppView>('group:found', {
      name: 'Duo',
      founders: [{ name: 'Ben', key }],
    });
    await eve.call('group:open', { dir: duo.group!.dir });
    expect(await refusal(eve.call('group:signCharter'))).toMatchObject({ code: 'not-a-member' });
    await Promise.all([ana.api.stop(), eve.api.stop()]);
  });

  it('lists the groups it knows and switches between them by full path', async () => {
    const ana = await machine('Ana');
    made.push(ana.home);
    const one = await ana.call<AppView>('group:found', { name: 'First' });
    const before = await ana.call<GroupSnapshot>('group:get');
    const two = await ana.call<AppView>('group:found', { name: 'Second' });
    const gone = await ana.call<AppView>('group:found', { name: 'Gone' });
    rmSync(gone.group!.dir, { recursive: true, force: true });
    const back = await ana.call<AppView>('group:open', { dir: one.group!.dir });
    expect(back.group).toMatchObject({ dir: one.group!.dir, name: 'First' });
    const { groups } = await ana.call<{ groups: KnownGroup[] }>('group:list');
    expect(groups).toEqual([
      { dir: one.group!.dir, name: 'First', demo: false, open: true },
      { dir: two.group!.dir, name: 'Second', demo: false, open: false },
    ]);
    // A client holding the first group's state is told the second's whole, never a mix.
    await ana.call('group:open', { dir: two.group!.dir });
    const answer = await ana.call<GroupSnapshot | GroupDelta>('group:get', {
      since: before.head,
      epoch: before.epoch,
    });
    const after = isDelta(answer) ? applyDelta(before, answer) : answer;
    expect(after?.state.group?.name).toBe('Second');
    expect(after?.state.group?.id).not.toBe(before.state.group?.id);
    await ana.api.stop();
  });

  it('opens only a full path to a repo, and only for the host', async () => {
    const ana = await machine('Ana');
    made.push(ana.home);
    await ana.call('group:found', { name: 'Here' });
    expect(await refusal(ana.call('group:open', { dir: 'groups/here' }))).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/full path.*groups\/here/) as string,
    });
    const empty = tempDir('steward-not-a-repo-');
    made.push(empty);
    expect(await refusal(ana.call('group:open', { dir: empty }))).toMatchObject({
      code: 'not-a-repo',
    });
    const guest: ApiSession = { id: 'guest', admitted: true, host: false };
    for (const [channel, arg] of [
      ['group:open', { dir: empty }],
      ['group:list', {}],
      ['group:found', { name: 'X' }],
      ['group:signCharter', {}],
      ['group:openDemo', {}],
    ] as const)
      expect(await refusal(ana.call(channel, arg, guest)), channel).toMatchObject({
        code: 'unauthorized',
      });
    // The refused open left the group as it was.
    expect((await ana.call<AppView>('app:get')).group?.name).toBe('Here');
    await ana.api.stop();
  });

  it('keeps a folder opened as the demo marked as the demo when opened again', async () => {
    const ana = await machine('Ana');
    made.push(ana.home);
    const own = await ana.call<AppView>('group:found', { name: 'Own' });
    const demoDir = join(ana.home, 'groups', 'x-demo');
    await ana.api.options.workspace.open(own.group!.dir);
    const { found } = await import('../../electron/core/governance/found');
    const { Keystore } = await import('../../electron/core/identity/keystore');
    await found({
      path: demoDir,
      name: 'Pretend demo',
      founders: [],
      rules: {},
      signer: await new Keystore(ana.home).unlock(PASS),
      now: new Date(),
    });
    await ana.api.options.workspace.open(demoDir, true);
    await ana.call('group:open', { dir: own.group!.dir });
    const reopened = await ana.call<AppView>('group:open', { dir: demoDir });
    expect(reopened.group).toMatchObject({ name: 'Pretend demo', demo: true });
    await ana.api.stop();
  });

  it('leaves no half-made demo behind when making it fails', async () => {
    const home = tempDir('steward-groups-demo-');
    const resources = tempDir('steward-groups-resources-');
    made.push(home, resources);
    writeFileSync(join(resources, 'group.bundle'), '');
    // A model folder with nothing to import: the demo cannot register its model.
    mkdirSync(join(resources, 'tiny-sentiment'));
    const api = new Api({
      workspace: new Workspace(home),
      transport: 'electron',
      version: '1',
      demoBundle: join(resources, 'group.bundle'),
    });
    const host: ApiSession = { id: 'w', admitted: true, host: true };
    await expect(api.invoke('group:openDemo', {}, host)).rejects.toBeDefined();
    expect(readdirSync(join(home, 'groups'))).toEqual([]);
    expect(await api.invoke('group:list', {}, host)).toEqual({ groups: [] });
    await api.stop();
  });
});

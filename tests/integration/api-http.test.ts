/**
 * The UI's contract over `steward serve`: every request checked by channel and schema, writes only
 * by a member signed in with their own key, events pushed as the head moves, other origins and
 * hosts refused, and the session code asked of browsers from other machines.
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupDelta, GroupSnapshot, SessionView } from '../../shared/api-channels';
import { applyDelta } from '../../shared/group-delta';
import { Api } from '../../electron/core/api/api';
import { generateKeyPair } from '../../electron/core/crypto';
import { seal } from '../../electron/core/identity/sealed';
import { Workspace } from '../../electron/core/api/workspace';
import { Ledger } from '../../electron/core/ledger/ledger';
import { mountApi } from '../../electron/core/server/api-http';
import { createHttpServer } from '../../electron/core/server/http';
import { steward } from '../helpers/cli';
import { ApiClient, UiGroup } from '../helpers/ui-group';
import { until } from '../helpers/until';
import { makeMembersOnly } from '../helpers/members-only';

describe('the API of steward serve, on 127.0.0.1', () => {
  const g = new UiGroup();
  beforeAll(() => g.start(), 60_000);
  afterAll(() => g.close());

  it('answers read-only clients, and refuses writes until a member signs in', async () => {
    const c = new ApiClient(g.url);
    const session = await c.ok<SessionView>('session:get');
    expect(session).toMatchObject({ transport: 'http', member: false, needsCode: false });
    // On this machine, but not through the host's link: not the host's own app.
    expect(session).toMatchObject({ host: false });
    expect(session.localIdentity).toBeUndefined();
    const { state } = await c.ok<GroupSnapshot>('group:get');
    expect(state.group?.name).toBe('Guild');
    expect(state.members.map((m) => m.name).sort()).toEqual(['Alice', 'Bob']);
    const refused = await c.call('proposals:create', {
      kind: 'resolution',
      title: 'Hi',
      params: {},
    });
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'no-identity' } } });
    const unlock = await c.call('session:unlock', { passphrase: g.people.alice.passphrase });
    expect(unlock.body.error?.code).toBe('unauthorized');
  });

  it('makes a browser the host’s own through the link on the host’s screen alone', async () => {
    const host = await new ApiClient(g.url).asHost(g.hostUrl);
    const view = await host.ok<SessionView>('session:get');
    expect(view).toMatchObject({ host: true, localIdentity: { name: 'Alice' } });
    const wrong = await fetch(g.hostUrl.replace(/token=.*/, 'token=' + 'ab'.repeat(24)), {
      redirect: 'manual',
    });
    expect(wrong.status).toBe(403);
    expect((await fetch(`${g.url}/host`, { redirect: 'manual' })).status).toBe(403);
  });

  it('checks every channel and argument before running anything', async () => {
    const c = new ApiClient(g.url);
    expect(await c.call('fs:read', {})).toMatchObject({
      status: 404,
      body: { error: { code: 'not-found' } },
    });
    const cases: [string, unknown][] = [
      ['proposals:vote', { proposal: 'xyz', choice: 'yes' }],
      ['proposals:vote', { proposal: 'abcdef12' }],
      ['proposals:vote', { proposal: 'abcdef12', choice: 'maybe' }],
      ['proposals:create', { kind: 'coup', title: 'x', params: {} }],
      ['proposals:create', { kind: 'resolution', title: '', params: {} }],
      ['session:unlock', { passphrase: 'x', extra: 1 }],
      ['group:get', []],
      ['group:get', { since: 'HEAD' }],
      ['group:get', { since: 'a'.repeat(40), extra: 1 }],
    ];
    for (const [channel, arg] of cases) {
      const r = await c.call(channel, arg);
      expect(r.status, JSON.stringify(arg)).toBe(400);
      expect(r.body.error?.code).toBe('invalid-argument');
    }
    const notJson = await fetch(`${g.url}/api/invoke/group:get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const huge = await c.call('proposals:create', {
      kind: 'resolution',
      title: 'x',
      body: 'y'.repeat(2 << 20),
      params: {},
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'invalid-argument' } } });
  });

  it('refuses other origins and hosts that are not an address', async () => {
    const c = new ApiClient(g.url);
    expect((await c.call('group:get', {}, { origin: 'http://evil.example' })).status).toBe(403);
    // fetch will not send another Host header; node:http will.
    const rebinding = await new Promise<{ status: number }>((resolve, reject) => {
      const req = request(`${g.url}/api/invoke/group:get`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'evil.example' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebinding.status).toBe(403);
    expect((await c.call('group:get', {}, { origin: g.url })).status).toBe(200);
  });

  it('lets a member vote with the key they bring, and pushes the change to every client', async () => {
    const alice = await new ApiClient(g.url).asHost(g.hostUrl);
    const bob = new ApiClient(g.url);
    const watcher = new ApiClient(g.url);
    await watcher.ok('session:get');
    const { received, socket } = await watcher.events();
    // On connecting, the head as of now: a client back from a dropped connection catches up.
    const start = await watcher.ok<GroupSnapshot>('group:get');
    await until(() => received.length >= 1);
    expect(received[0]).toEqual({ event: 'group:onDidChange', payload: { head: start.head } });

    const wrong = await alice.call('session:unlock', { passphrase: 'not it at all' });
    expect(wrong.status).toBe(401);
    expect(
      (await alice.ok<SessionView>('session:unlock', { passphrase: g.people.alice.passphrase }))
        .member,
    ).toBe(true);
    const bad = await bob.call('session:unlockFile', { identity: '{"nope":1}', passphrase: 'x' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid-argument' } } });
    const signedIn = await bob.ok<SessionView>('session:unlockFile', {
      identity: g.identityFile('bob'),
      passphrase: g.people.bob.passphrase,
    });
    expect(signedIn).toMatchObject({ member: true, identity: { name: 'Bob' } });

    const created = await alice.ok<{ id: string }>('proposals:create', {
      kind: 'resolution',
      title: 'Meet on Thursdays',
      body: 'Weekly.',
      params: {},
    });
    await until(() => received.length >= 2);
    const before = await watcher.ok<GroupSnapshot>('group:get');
    const voted = await bob.ok<{
      proposal: { tally: { yes: number }; votes: { voter: string }[] };
    }>('proposals:vote', {
      proposal: created.id.slice(0, 10),
      choice: 'yes',
      reason: 'fine by me',
    });
    expect(voted.proposal.votes).toHaveLength(1);
    await until(() => received.length >= 3);
    expect(received.every((e) => e.event === 'group:onDidChange')).toBe(true);
    const heads = received.map((e) => (e.payload as { head: string }).head);
    expect(new Set(heads).size).toBe(heads.length);
    socket.close();

    const whole = await watcher.ok<GroupSnapshot>('group:get');
    const p = whole.state.proposals.find((x) => x.id === created.id)!;
    expect(p.votes.map((v) => v.reason)).toEqual(['fine by me']);

    // A client holding the state before the vote is sent what changed: the one proposal.
    const { epoch } = before;
    expect(epoch).toMatch(/^[0-9a-f]{16}$/);
    const delta = await watcher.ok<GroupDelta>('group:get', { since: before.head, epoch });
    expect(delta).toMatchObject({ head: whole.head, since: before.head, epoch });
    expect(delta.proposals).toEqual({ changed: [p], removed: [] });
    expect(applyDelta(before, delta)).toEqual(whole);
    // A head the server holds no state for, or a state from another run of it (a restart): the
    // whole state.
    const unknown = await watcher.ok<GroupSnapshot>('group:get', {
      since: 'f'.repeat(40),
      epoch,
    });
    expect(unknown).toEqual(whole);
    const other = await watcher.ok('group:get', { since: before.head, epoch: 'another-run' });
    expect(other).toEqual(whole);
    expect(await watcher.ok('group:get', { since: before.head })).toEqual(whole);
  });

  it("names the host's folders in a participant's errors without spelling them out", async () => {
    const alice = await new ApiClient(g.url).asHost(g.hostUrl);
    await alice.ok('session:unlock', { passphrase: g.people.alice.passphrase });
    const bob = new ApiClient(g.url);
    await bob.ok('session:unlockFile', {
      identity: g.identityFile('bob'),
      passphrase: g.people.bob.passphrase,
    });
    const { id } = await alice.ok<{ id: string }>('proposals:create', {
      kind: 'resolution',
      title: 'Tidy the shelf',
      params: {},
    });
    // git is busy with the index: a write is refused, saying where the lock is.
    const lock = join(g.repo, '.git', 'index.lock');
    writeFileSync(lock, '');
    try {
      const refused = await bob.call('proposals:vote', { proposal: id, choice: 'yes' });
      expect(refused.body.error?.code).toBe('locked');
      expect(refused.body.error?.message).toContain("the group's folder/.git/index.lock");
      expect(JSON.stringify(refused.body)).not.toContain(g.repo);
      expect(JSON.stringify(refused.body)).not.toContain(tmpdir());
      const own = await alice.call('proposals:vote', { proposal: id, choice: 'yes' });
      expect(own.body.error?.message).toContain(lock);
    } finally {
      unlinkSync(lock);
    }
    expect((await bob.call('proposals:vote', { proposal: id, choice: 'yes' })).status).toBe(200);
  });

  it("drops a participant's key after they go idle, but not the host's", async () => {
    const server = createHttpServer();
    const api = new Api({
      workspace: new Workspace(g.people.alice.home, await Ledger.open(g.repo)),
      transport: 'http',
      version: '1',
    });
    const mounted = mountApi(server, { api, hostToken: 'host-token', idleMs: 400 });
    const url = await server.listen();
    try {
      const host = await new ApiClient(url).asHost(`${url}/host?token=host-token`);
      await host.ok('session:unlock', { passphrase: g.people.alice.passphrase });
      const idle = new ApiClient(url);
      const busy = new ApiClient(url);
      for (const c of [idle, busy]) {
        const s = await c.ok<SessionView>('session:unlockFile', {
          identity: g.identityFile('bob'),
          passphrase: g.people.bob.passphrase,
        });
        expect(s.identity?.name).toBe('Bob');
      }
      // The busy one acts every 100 ms; the idle one's page only refreshes by itself for 700 ms.
      const end = Date.now() + 700;
      while (Date.now() < end) {
        await busy.ok('models:cancel', { runId: 'nothing-running' });
        await idle.ok('group:get');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await busy.ok<SessionView>('session:get')).identity?.name).toBe('Bob');
      expect((await host.ok<SessionView>('session:get')).identity?.name).toBe('Alice');
      const after = await idle.ok<SessionView>('session:get');
      expect(after).toMatchObject({ member: false, needsCode: false });
      expect(after.identity).toBeUndefined();
      const write = await idle.call('proposals:create', {
        kind: 'resolution',
        title: 'Left open',
        params: {},
      });
      expect(write.body.error?.code).toBe('no-identity');
      // Still admitted: unlocking again is all it takes.
      await idle.ok('session:unlockFile', {
        identity: g.identityFile('bob'),
        passphrase: g.people.bob.passphrase,
      });
      expect((await idle.ok<SessionView>('session:get')).identity?.name).toBe('Bob');
    } finally {
      await mounted.close();
      await server.close();
    }
  });

  it('lets a non-member sign in but not write', async () => {
    const carol = new ApiClient(g.url);
    const s = await carol.ok<SessionView>('session:unlockFile', {
      identity: g.identityFile('carol'),
      passphrase: g.people.carol.passphrase,
    });
    expect(s).toMatchObject({ member: false, identity: { name: 'Carol' } });
    const r = await carol.call('proposals:create', {
      kind: 'resolution',
      title: 'Take over',
      params: {},
    });
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('not-a-member');
  });

  it('replaces the host’s key, announced under the old one, and writes with the new', async () => {
    const alice = await new ApiClient(g.url).asHost(g.hostUrl);
    const before = await alice.ok<SessionView>('session:unlock', {
      passphrase: g.people.alice.passphrase,
    });
    const wrong = await alice.call('identity:rotate', { passphrase: 'not the passphrase' });
    expect(wrong.body.error?.code).toBe('wrong-passphrase');
    const after = await alice.ok<SessionView>('identity:rotate', {
      passphrase: g.people.alice.passphrase,
    });
    expect(after.identity?.id).toBe(before.identity?.id);
    expect(after.identity?.publicKey).not.toBe(before.identity?.publicKey);
    expect(after.member).toBe(true);
    const { state } = await alice.ok<GroupSnapshot>('group:get');
    expect(state.members.find((m) => m.id === after.identity?.id)?.publicKey).toBe(
      after.identity?.publicKey,
    );
    await alice.ok('proposals:create', { kind: 'resolution', title: 'Signed anew', params: {} });
    const verified = steward(['verify', '--repo', g.repo, '--json'], {
      STEWARD_HOME: g.people.bob.home,
    });
    expect(verified.json).toMatchObject({ ok: true });
  });

  it('serves the built UI with a strict content security policy', async () => {
    const page = await fetch(`${g.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toMatch(/<div id="root">/);
    expect((await fetch(`${g.url}/..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${g.url}/.env`)).status).toBe(404);
  });
});

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe.runIf(lanAddress)('steward serve --host, for a room', () => {
  const g = new UiGroup();
  beforeAll(() => g.start('--host', '0.0.0.0'), 60_000);
  afterAll(() => g.close());

  it('asks a browser from another address for the session code first', async () => {
    expect(g.code).toBe('K7Q2MX');
    const port = new URL(g.url).port;
    const c = new ApiClient(`http://${lanAddress}:${port}`);
    expect((await c.ok<SessionView>('session:get')).needsCode).toBe(true);
    expect(await c.call('group:get')).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized' } },
    });
    await expect(c.events()).rejects.toThrow(/403/);
    expect((await c.call('session:join', { code: 'AAAAAA' })).status).toBe(401);
    expect((await c.ok<SessionView>('session:join', { code: 'k7q2mx' })).needsCode).toBe(false);
    expect((await c.ok<GroupSnapshot>('group:get')).state.group?.name).toBe('Guild');
    const local = new ApiClient(`http://127.0.0.1:${port}`);
    expect((await local.ok<SessionView>('session:get')).needsCode).toBe(false);
  });

  it('keeps a participant off the host’s machine: no setup, no large uploads, no re-hashing', async () => {
    const token = new URL(g.hostUrl).searchParams.get('token')!;
    const link = await fetch(`${lanUrl()}/host?token=${token}`, { redirect: 'manual' });
    expect(link.status).toBe(403);
    const c = new ApiClient(lanUrl());
    await c.ok('session:join', { code: 'K7Q2MX' });
    for (const [channel, arg] of [
      ['session:unlock', { passphrase: 'anything at all' }],
      ['identity:export', {}],
      ['models:verify', { model: 'x', version: '1' }],
      ['sync:remotes', {}],
      ['group:openDemo', {}],
    ] as const) {
      const r = await c.call(channel, arg);
      expect(r.body.error?.code, channel).toBe('unauthorized');
    }
    const big = await c.call('sync:bundleImport', {
      runId: 'r',
      name: 'x.bundle',
      base64: 'A'.repeat(2 << 20),
    });
    expect(big.status).toBe(413);
  });

  it('refuses an identity file that names someone else’s key, or a costly sealing, at once', async () => {
    const c = new ApiClient(lanUrl());
    await c.ok('session:join', { code: 'K7Q2MX' });
    const carol = JSON.parse(g.identityFile('carol')) as Record<string, unknown>;
    const alice = JSON.parse(g.identityFile('alice')) as { id: string; publicKey: string };
    // Carol seals a seed of her own under Alice's public key: the file claims to be Alice.
    const forged = {
      ...carol,
      id: alice.id,
      name: 'Alice',
      publicKey: alice.publicKey,
      sealed: await seal(generateKeyPair().seed, 'carol knows this', alice.publicKey),
    };
    const r = await c.call('session:unlockFile', {
      identity: JSON.stringify(forged),
      passphrase: 'carol knows this',
    });
    expect(r.body.error).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/another key/) as string,
    });
    const costly = { ...carol, sealed: { ...(carol.sealed as object), N: 1 << 20, r: 8, p: 1024 } };
    const started = Date.now();
    const slow = await c.call('session:unlockFile', {
      identity: JSON.stringify(costly),
      passphrase: 'x',
    });
    expect(slow.body.error).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/unknown encryption/) as string,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await c.ok<SessionView>('session:get')).identity).toBeUndefined();
  });

  it('lets members alone read when the charter says so', async () => {
    const c = new ApiClient(lanUrl());
    await c.ok('session:join', { code: 'K7Q2MX' });
    expect((await c.call('group:get')).status).toBe(200);
    makeMembersOnly(g);
    await until(async () => (await c.call('group:get')).status === 403);
    expect((await c.call('group:get')).body.error?.code).toBe('not-a-member');
    await c.ok('session:unlockFile', {
      identity: g.identityFile('bob'),
      passphrase: g.people.bob.passphrase,
    });
    expect((await c.ok<GroupSnapshot>('group:get')).state.charter?.readAccess).toBe('members');
  });

  it('stops taking guesses at the code after ten wrong ones', async () => {
    const c = new ApiClient(lanUrl());
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await c.call('session:join', { code: `WRONG${i}` })).status);
    expect(codes.every((s) => s === 401)).toBe(true);
    const right = await c.call('session:join', { code: 'K7Q2MX' });
    expect(right.body.error?.message).toMatch(/too many wrong codes/);
  });

  const lanUrl = () => `http://${lanAddress}:${new URL(g.url).port}`;
});

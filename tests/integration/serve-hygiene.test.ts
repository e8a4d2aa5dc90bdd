/**
 * Request hygiene of `steward serve`: every route, git's included, refuses a Host it does not
 * know (a DNS-rebinding page names its own domain) and answers the addresses a room uses; every
 * answer says nosniff; a client sending a body too large gets its 413; and a group that members
 * alone may read tells others nothing, not even its name.
 */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppView } from '../../shared/api-channels';
import { Ledger } from '../../electron/core/ledger/ledger';
import { createHttpServer } from '../../electron/core/server/http';
import { serveRepo } from '../../electron/core/server/serve';
import { Person, steward, tempDir } from '../helpers/cli';
import { Browser, Room, send, sendLarge } from '../helpers/room';
import { until } from '../helpers/until';
import { makeMembersOnly } from '../helpers/members-only';

describe('steward serve, asked by what is not a browser of the room', () => {
  const room = new Room();
  beforeAll(() => room.start(), 60_000);
  afterAll(() => room.close());

  it('refuses a rebinding domain on every route, git’s included, and answers its addresses', async () => {
    const refs = '/info/refs?service=git-upload-pack';
    for (const host of [
      'evil.example',
      `evil.example:${room.port}`,
      `evil.example:${room.port}:${room.port}`,
      'evil.example:',
      `laptop.local:${room.port}`,
      `[::1:${room.port}`,
      `127.0.0.1.evil.example:${room.port}`,
    ]) {
      for (const [method, path] of [
        ['GET', refs],
        ['POST', '/git-upload-pack'],
        ['GET', '/'],
        ['GET', '/nowhere'],
      ] as const) {
        const r = await send(`${room.url}${path}`, {
          method,
          headers: { host, 'content-type': 'application/x-git-upload-pack-request' },
          ...(method === 'POST' && { body: '0000' }),
        });
        expect(r.status, `${method} ${path} Host: ${host} ${r.body}`).toBe(403);
        expect(r.body).not.toMatch(/service=git-upload-pack/);
      }
    }
    for (const host of [`127.0.0.1:${room.port}`, `localhost:${room.port}`, `[::1]:${room.port}`]) {
      const r = await send(`${room.url}${refs}`, { headers: { host } });
      expect(r.status, host).toBe(200);
      expect(r.body).toMatch(/service=git-upload-pack/);
    }
  });

  it('sends nosniff with every answer, errors included', async () => {
    const answers = [
      await send(`${room.url}/%3Cscript%3Ealert(1)%3C/script%3E`),
      await send(`${room.url}/git-upload-pack`),
      await send(`${room.url}/info/refs`),
      await send(`${room.url}/info/refs?service=git-upload-pack`),
      await send(`${room.url}/git-upload-pack`, { method: 'POST', body: 'x' }),
      await send(room.url, { headers: { host: 'evil.example' } }),
      await send(`${room.url}/host?token=nope`),
      await send(`${room.url}/api/invoke/group:get`, { method: 'POST', body: '{}' }),
      await send(`${room.url}/api/invoke/group:get`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
      await send(`${room.url}/api/invoke/group:get`, {
        method: 'POST',
        from: '127.0.0.9',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([
      404, 405, 403, 200, 415, 403, 403, 415, 400, 401,
    ]);
    for (const a of answers) expect(a.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gets its 413 to a client still sending a body too large, with or without its length', async () => {
    const invoke = `${room.url}/api/invoke/group:get`;
    expect(await sendLarge(invoke, 16 << 20, true)).toBe(413);
    expect(await sendLarge(invoke, 16 << 20, false)).toBe(413);
    // The connection was not cut: the server still answers.
    expect((await new Browser(room.url).call('app:version')).status).toBe(200);
  }, 60_000);

  it('tells a non-member nothing of a group that members alone may read, not even its name', async () => {
    const participant = await new Browser(room.url, '127.0.0.10').joined();
    expect((await participant.ok<AppView>('app:get')).group?.name).toBe('Guild');
    makeMembersOnly(room);
    await until(async () => (await participant.call('group:get')).status === 403);
    const hidden = await participant.ok<AppView>('app:get');
    expect(hidden.group).toBeDefined();
    expect(hidden.group?.name).toBeUndefined();
    expect(JSON.stringify(hidden)).not.toMatch(/Guild/);
    const carol = await new Browser(room.url, '127.0.0.10').joined();
    await carol.ok('session:unlockFile', {
      identity: room.identityOf('carol'),
      passphrase: room.people.carol.passphrase,
    });
    expect((await carol.ok<AppView>('app:get')).group?.name).toBeUndefined();
    await participant.ok('session:unlockFile', {
      identity: room.identityOf('bob'),
      passphrase: room.people.bob.passphrase,
    });
    expect((await participant.ok<AppView>('app:get')).group?.name).toBe('Guild');
    const host = await new Browser(room.url).asHost();
    expect((await host.ok<AppView>('app:get')).group?.name).toBe('Guild');
  }, 60_000);
});

describe('steward serve --host', () => {
  it('answers the address it prints and the machine’s addresses, no domain', async () => {
    const root = tempDir('steward-hygiene-host-');
    const alice = new Person(join(root, 'alice'), join(root, 'group'));
    alice.json(new Date().toISOString(), 'identity', 'create', '--name', 'Alice');
    const init = steward(
      ['init', join(root, 'group'), '--name', 'G', '--json'],
      alice.env(new Date().toISOString()),
    );
    expect(init.status).toBe(0);
    const open = await serveRepo({
      ledger: await Ledger.open(join(root, 'group')),
      host: '0.0.0.0',
    });
    try {
      const { port: p } = new URL(open.url);
      expect(open.url).toBe(`http://0.0.0.0:${p}`);
      const refs = `http://127.0.0.1:${p}/info/refs?service=git-upload-pack`;
      const lan = Object.values(networkInterfaces())
        .flat()
        .filter((i) => i && !i.internal)
        .map((i) => (i!.family === 'IPv6' ? `[${i!.address}]` : i!.address))
        .filter((a) => !a.includes('%'));
      for (const host of [`0.0.0.0:${p}`, `127.0.0.1:${p}`, ...lan.map((a) => `${a}:${p}`)])
        expect((await send(refs, { headers: { host } })).status, host).toBe(200);
      for (const host of [`laptop.local:${p}`, `evil.example:${p}`])
        expect((await send(refs, { headers: { host } })).status, host).toBe(403);
    } finally {
      await open.close();
    }
  }, 60_000);

  it('answers a name it was explicitly bound to, and no other name', async () => {
    const server = createHttpServer({ host: '127.0.0.1', names: ['laptop.local'] });
    server.mount({
      method: 'GET',
      match: (p) => p === '/',
      handle: (_q, res) => void res.end('ok'),
    });
    const base = await server.listen();
    try {
      const { port: p } = new URL(base);
      expect((await send(base, { headers: { host: `laptop.local:${p}` } })).status).toBe(200);
      expect((await send(base, { headers: { host: `Laptop.Local:${p}` } })).status).toBe(200);
      expect((await send(base, { headers: { host: `other.local:${p}` } })).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});

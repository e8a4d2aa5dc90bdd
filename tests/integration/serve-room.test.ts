/**
 * The review session's room, hosted from the app (`steward app`): the host opens it to the room's
 * network, which starts a listener on this machine's LAN address with a session code, and closes
 * it again; the port stays the same across openings and restarts while it is free. Every browser
 * reaching the room gives the code; only the host opens the room or chooses what is on the wall,
 * and every browser hears what is. Where this machine has no network address but loopback, the
 * room is given one of 127.0.0.2 (a loopback address the room's listener trusts no more than any).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkInterfaceInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ReviewView } from '../../shared/api-types';
import { serveApp } from '../../electron/core/server/app-server';
import { lanAddresses } from '../../electron/core/server/lan-address';
import type { Served } from '../../electron/core/server/serve';
import { tempDir } from '../helpers/cli';
import { Browser, CODE, Room, send, TOKEN } from '../helpers/room';
import { until } from '../helpers/until';

const real = lanAddresses()[0];
const LAN = real ?? '127.0.0.2';
const iface = (address: string, internal = false): NetworkInterfaceInfo =>
  address.includes(':')
    ? { address, netmask: 'ffff::', family: 'IPv6', mac: '', internal, cidr: null, scopeid: 0 }
    : { address, netmask: '255.255.255.0', family: 'IPv4', mac: '', internal, cidr: null };
const interfaces = () => ({
  lo: [iface('127.0.0.1', true), iface('::1', true)],
  eth0: [iface('fe80::1'), iface(LAN)],
});

const start = (home: string): Promise<Served> =>
  serveApp({
    home,
    version: '9.9.9',
    hostToken: TOKEN,
    interfaces,
    newCode: () => CODE,
    onError: (e) => {
      throw e;
    },
  });

const portOf = (url: string) => Number(new URL(url).port);

describe('the room of a review session, hosted from the app', () => {
  const home = tempDir('steward-room-');
  let app: Served;
  let host: Browser;
  let roomUrl = '';

  beforeAll(async () => {
    app = await start(home);
    host = await new Browser(app.url).asHost();
  }, 30_000);
  afterAll(() => app?.close());

  it('stays closed until the host opens it, and says the host may', async () => {
    expect(await host.ok<ReviewView>('review:get')).toEqual({
      urls: [],
      hosting: false,
      canHost: true,
    });
  });

  it('refuses to open the room for anyone but the host', async () => {
    // A browser on this machine without the host's link: admitted, but not the host.
    const other = new Browser(app.url);
    const refused = await other.call('review:host', { open: true });
    expect(refused.status).toBe(401);
    expect(refused.error?.message).toMatch(/only the host's own app/);
    expect((await other.ok<ReviewView>('review:get')).canHost).toBeUndefined();
    expect((await host.ok<ReviewView>('review:get')).hosting).toBe(false);
  });

  it('opens a listener on the LAN address, with the address people type and a code', async () => {
    const view = await host.ok<ReviewView>('review:host', { open: true });
    expect(view.hosting).toBe(true);
    expect(view.code).toBe(CODE);
    expect(view.urls).toHaveLength(1);
    roomUrl = view.urls[0]!;
    expect(new URL(roomUrl).hostname).toBe(LAN);
    expect(roomUrl).not.toMatch(/0\.0\.0\.0|127\.0\.0\.1|localhost/);
    expect(portOf(roomUrl)).not.toBe(portOf(app.url));
    if (real !== undefined) expect(new URL(roomUrl).hostname).not.toMatch(/^127\./);
    // Reachable there: the app's API answers on the room's address.
    expect((await send(`${roomUrl}/api/invoke/app:version`, post())).status).toBe(200);
  });

  it('asks every browser of the room for the code, and says a wrong one is wrong', async () => {
    // From this very machine too: the room's listener trusts no address.
    const guest = new Browser(roomUrl);
    const before = await guest.call('group:get');
    expect(before.status).toBe(401);
    expect(before.error?.message).toMatch(/session code/);
    const wrong = await guest.call('session:join', { code: 'WRONGCOD' });
    expect(wrong.status).toBe(401);
    expect(wrong.error?.message).toBe('that is not the session code');
    expect((await guest.call('review:get')).status).toBe(401);
    await guest.ok('session:join', { code: CODE.toLowerCase() });
    const view = await guest.ok<ReviewView>('review:get');
    expect(view).toMatchObject({ urls: [roomUrl], code: CODE, hosting: true });
    expect(view.canHost).toBeUndefined();
  });

  it('is no host for anyone of the room: no host link, no opening or presenting', async () => {
    const guest = await new Browser(roomUrl).joined();
    expect((await guest.call('review:host', { open: false })).status).toBe(401);
    const present = await guest.call('review:present', { proposal: 'ab'.repeat(32) });
    expect(present.status).toBe(401);
    expect((await send(`${roomUrl}/host?token=${TOKEN}`)).status).toBe(403);
    expect((await guest.call('group:list')).status).toBe(401);
  });

  it('answers only a Host header naming an address', async () => {
    const asked = (hostHeader: string) =>
      send(`${roomUrl}/api/invoke/app:version`, post({ host: hostHeader }));
    expect((await asked(new URL(roomUrl).host)).status).toBe(200);
    expect((await asked('evil.example')).status).toBe(403);
    expect((await asked(`evil.example:${portOf(roomUrl)}`)).status).toBe(403);
    // The Origin must be the room's own address, as the browser there sends it.
    const foreign = await send(
      `${roomUrl}/api/invoke/app:version`,
      post({ origin: 'http://evil.example' }),
    );
    expect(foreign.status).toBe(403);
  });

  it('tells every browser which proposal is on the wall', async () => {
    const joined = await send(`${roomUrl}/api/invoke/session:join`, {
      ...post(),
      body: JSON.stringify({ code: CODE }),
    });
    const cookie = joined.headers['set-cookie']![0]!.split(';')[0]!;
    const heard: unknown[] = [];
    const socket = new WebSocket(`${roomUrl.replace('http', 'ws')}/api/events`, {
      headers: { cookie },
    });
    socket.on('message', (data: Buffer) => heard.push(JSON.parse(data.toString())));
    await once(socket, 'open');
    const proposal = 'cd'.repeat(32);
    const view = await host.ok<ReviewView>('review:present', { proposal });
    expect(view.presenting).toBe(proposal);
    await until(() => heard.some((m) => (m as { event: string }).event === 'review:onDidChange'));
    expect(heard).toContainEqual({
      event: 'review:onDidChange',
      payload: { presenting: proposal, hosting: true },
    });
    const again = await send(`${roomUrl}/api/invoke/review:get`, post({ cookie }));
    expect((JSON.parse(again.body) as { result: ReviewView }).result.presenting).toBe(proposal);
    socket.close();
    // A proposal id is checked like any other argument.
    expect((await host.call('review:present', { proposal: '../etc' })).status).toBe(400);
  });

  it('closes the room: the listener is gone and its sessions are forgotten', async () => {
    const guest = await new Browser(roomUrl).joined();
    const view = await host.ok<ReviewView>('review:host', { open: false });
    expect(view).toMatchObject({ urls: [], hosting: false });
    expect(view.code).toBeUndefined();
    await expect(send(`${roomUrl}/api/invoke/app:version`, post())).rejects.toThrow(/ECONNREFUSED/);
    await expect(guest.call('review:get')).rejects.toThrow(/ECONNREFUSED/);
    // The app itself stays, on 127.0.0.1.
    expect((await host.ok<ReviewView>('review:get')).hosting).toBe(false);
  });

  it('opens again on the same port, after a restart too', async () => {
    const again = await host.ok<ReviewView>('review:host', { open: true });
    expect(again.urls).toEqual([roomUrl]);
    expect(JSON.parse(readFileSync(join(home, 'review-room.json'), 'utf8'))).toEqual({
      port: portOf(roomUrl),
    });
    await app.close();
    app = await start(home);
    host = await new Browser(app.url).asHost();
    expect((await host.ok<ReviewView>('review:get')).hosting).toBe(false);
    const restarted = await host.ok<ReviewView>('review:host', { open: true });
    expect(restarted.urls).toEqual([roomUrl]);
    await host.ok('review:host', { open: false });
  }, 30_000);

  it('takes another port when the one of last time is taken, and keeps that one', async () => {
    const taken: Server = createServer();
    taken.listen(portOf(roomUrl), LAN);
    await once(taken, 'listening');
    try {
      const moved = await host.ok<ReviewView>('review:host', { open: true });
      const port = portOf(moved.urls[0]!);
      expect(port).not.toBe(portOf(roomUrl));
      expect(JSON.parse(readFileSync(join(home, 'review-room.json'), 'utf8'))).toEqual({ port });
      await host.ok('review:host', { open: false });
    } finally {
      taken.close();
    }
  });
});

describe('the room with a damaged memory of its port', () => {
  it('opens on any free port and remembers that one', async () => {
    const home = tempDir('steward-room-');
    writeFileSync(join(home, 'review-room.json'), '{"port": "eighty"');
    const app = await start(home);
    try {
      const host = await new Browser(app.url).asHost();
      const view = await host.ok<ReviewView>('review:host', { open: true });
      expect(JSON.parse(readFileSync(join(home, 'review-room.json'), 'utf8'))).toEqual({
        port: portOf(view.urls[0]!),
      });
    } finally {
      await app.close();
    }
  });
});

describe('the room of steward serve', () => {
  const served = new Room();
  beforeAll(() => served.start(), 60_000);
  afterAll(() => served.close());

  it('is its own addresses: it opens no other listener, and still shares the wall', async () => {
    const host = await new Browser(served.url).asHost();
    const refused = await host.call('review:host', { open: true });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toMatch(/started for the room already/);
    const view = await host.ok<ReviewView>('review:present', { proposal: 'ef'.repeat(32) });
    expect(view).toEqual({ urls: [served.url], code: CODE, presenting: 'ef'.repeat(32) });
    const guest = await new Browser(served.url, '127.0.0.2').joined();
    expect((await guest.ok<ReviewView>('review:get')).presenting).toBe('ef'.repeat(32));
    expect((await guest.call('review:present', { proposal: 'ab'.repeat(32) })).status).toBe(401);
  });
});

describe('the room with no network', () => {
  it('says in words that this computer is on no network', async () => {
    const app = await serveApp({
      home: tempDir('steward-room-'),
      version: '9.9.9',
      hostToken: TOKEN,
      interfaces: () => ({ lo: [iface('127.0.0.1', true)] }),
    });
    try {
      const host = await new Browser(app.url).asHost();
      const refused = await host.call('review:host', { open: true });
      expect(refused.status).toBe(502);
      expect(refused.error?.message).toMatch(/on no network/);
    } finally {
      await app.close();
    }
  });
});

function post(headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  };
}

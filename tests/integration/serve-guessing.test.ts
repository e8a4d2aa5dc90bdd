/**
 * Guessing at `steward serve` and `steward app` from the room's network: one machine failing on
 * purpose never locks out another's right code or passphrase, the server keeps answering while it
 * derives keys, and a flood of new browsers pushes out neither the host's session nor an unlocked
 * one. Each machine is another loopback address (tests/helpers/room.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../shared/api-channels';
import { Api } from '../../electron/core/api/api';
import { serveApp } from '../../electron/core/server/app-server';
import { tempDir } from '../helpers/cli';
import { Browser, CODE, Room, TOKEN } from '../helpers/room';
import { until } from '../helpers/until';

describe('steward serve to a room, facing machines that guess', () => {
  const room = new Room();
  beforeAll(() => room.start(), 60_000);
  afterAll(() => room.close());

  it('admits a browser with the right code while another machine guesses wrong on purpose', async () => {
    // Eight browsers (a new cookie each) from one machine, five wrong codes each.
    const failures = [];
    for (let b = 0; b < 8; b++) {
      const guesser = new Browser(room.url, '127.0.0.2');
      for (let i = 0; i < 5; i++)
        failures.push(await guesser.call('session:join', { code: `W${b}${i}` }));
    }
    expect(failures).toHaveLength(40);
    expect(failures.every((r) => r.status === 401)).toBe(true);
    expect(failures.at(-1)!.error!.message).toMatch(/too many wrong codes/);
    // That machine is held off, whatever it sends now...
    const again = await new Browser(room.url, '127.0.0.2').call('session:join', { code: CODE });
    expect(again.error?.message).toMatch(/too many wrong codes/);
    // ...and another one gets in with the code, typed as it was read aloud.
    const view = await new Browser(room.url, '127.0.0.3').ok<SessionView>('session:join', {
      code: 'k7q2-mxab',
    });
    expect(view.needsCode).toBe(false);
    // A room joining from one address (behind one router) is not held off by its own successes.
    for (let i = 0; i < 12; i++) await new Browser(room.url, '127.0.0.3').joined();
  });

  it('unlocks the right passphrase while another machine tries wrong ones on purpose', async () => {
    const bob = room.identityOf('bob');
    const attackers = await Promise.all(
      Array.from({ length: 8 }, () => new Browser(room.url, '127.0.0.4').joined()),
    );
    let answered = 0;
    const attack = Promise.all(
      attackers.flatMap((a) =>
        Array.from({ length: 5 }, (_, i) =>
          a.call('session:unlockFile', { identity: bob, passphrase: `wrong ${i}` }).finally(() => {
            answered++;
          }),
        ),
      ),
    );
    // Past what the old room-wide limit allowed (30), with attempts still under way.
    await until(() => answered > 30, 25_000);
    const member = await new Browser(room.url, '127.0.0.5').joined();
    const view = await member.ok<SessionView>('session:unlockFile', {
      identity: bob,
      passphrase: room.people.bob.passphrase,
    });
    expect(view).toMatchObject({ member: true, identity: { name: 'Bob' } });
    const codes = (await attack).map((r) => r.error?.code);
    expect(codes).toHaveLength(40);
    expect(codes.filter((c) => c === 'wrong-passphrase').length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 'wrong-passphrase' || c === 'unauthorized')).toBe(true);
  }, 60_000);

  it('answers a cheap request while wrong passphrases are still being derived', async () => {
    const bob = room.identityOf('bob');
    // Browsers on this machine: admitted without the code, and free to unlock a file.
    const attackers = Array.from({ length: 12 }, () => new Browser(room.url));
    // Counted where the server runs the request: begun, and finished.
    let begun = 0;
    let finished = 0;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this`
    const invoke = Api.prototype.invoke;
    const spy = vi.spyOn(Api.prototype, 'invoke').mockImplementation(function (
      this: Api,
      channel,
      arg,
      session,
    ) {
      if (channel !== 'session:unlockFile') return invoke.call(this, channel, arg, session);
      begun++;
      return invoke.call(this, channel, arg, session).finally(() => {
        finished++;
      });
    });
    try {
      const attempts = attackers.map((a) =>
        a.call('session:unlockFile', { identity: bob, passphrase: 'wrong again' }),
      );
      await until(() => begun === 12, 25_000);
      const version = await new Browser(room.url).ok<{ version: string }>('app:version');
      // A scrypt on the event loop would have finished every attempt before anything else ran.
      const finishedWhenAnswered = finished;
      expect(version.version).toBe('test');
      expect(finishedWhenAnswered).toBeLessThan(12);
      const codes = (await Promise.all(attempts)).map((r) => r.error?.code);
      expect(codes).toEqual(Array(12).fill('wrong-passphrase'));
    } finally {
      spy.mockRestore();
    }
  }, 60_000);

  it('keeps the host’s session and an unlocked one through a flood of new browsers', async () => {
    const host = await new Browser(room.url).asHost();
    const member = await new Browser(room.url, '127.0.0.7').joined();
    await member.ok('session:unlockFile', {
      identity: room.identityOf('bob'),
      passphrase: room.people.bob.passphrase,
    });
    // Cookie-less requests, each a new session: from this machine (admitted at once) and from
    // another (waiting for the code).
    for (let i = 0; i < 300; i++) await new Browser(room.url).call('app:version');
    for (let i = 0; i < 100; i++) await new Browser(room.url, '127.0.0.8').call('app:version');
    expect(await host.ok<SessionView>('session:get')).toMatchObject({ host: true });
    expect(await member.ok<SessionView>('session:get')).toMatchObject({
      member: true,
      identity: { name: 'Bob' },
    });
  }, 60_000);
});

describe('steward app', () => {
  it('keeps the host’s session through a flood of cookie-less requests', async () => {
    const home = tempDir('steward-hygiene-app-');
    const app = await serveApp({ home, version: 'test', hostToken: TOKEN });
    try {
      const host = await new Browser(app.url).asHost();
      expect(await host.ok<SessionView>('session:get')).toMatchObject({ host: true });
      for (let i = 0; i < 300; i++) await new Browser(app.url).call('app:version');
      expect(await host.ok<SessionView>('session:get')).toMatchObject({ host: true });
    } finally {
      await app.close();
    }
  }, 60_000);
});

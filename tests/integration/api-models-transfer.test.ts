/**
 * Model files between peers through the app's API over `steward serve`: `models:local` says how
 * many of a version's files are here and what is missing, `models:fetch` brings them from a folder
 * in Git LFS's layout with progress, `models:cancel` stops a fetch that hangs and keeps nothing
 * unverified, `models:push` is refused to a session that is not a member, and every argument is
 * checked at the door.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchView, LocalModelStatus, PushView } from '../../shared/api-types';
import { ApiClient, UiGroup } from '../helpers/ui-group';
import { until } from '../helpers/until';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Writes every file of `dir` into `out/lfs/objects/ab/cd/<oid>`, as a USB stick would carry them. */
const exportLfs = (dir: string, out: string): void => {
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const bytes = readFileSync(join(e.parentPath, e.name));
    const oid = sha(bytes);
    const where = join(out, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4));
    mkdirSync(where, { recursive: true });
    writeFileSync(join(where, oid), bytes);
  }
};

/** An LFS endpoint that takes every request and never answers: a peer that stalls. */
const stallingPeer = async () => {
  const held: ServerResponse[] = [];
  let asked = 0;
  const server: Server = createServer((req, res) => {
    asked++;
    req.resume();
    held.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked: () => asked,
    close: () =>
      new Promise<void>((r) => {
        held.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};

describe('the model files channels of steward serve', () => {
  const g = new UiGroup();
  const dir = join(g.root, 'tiny');
  const stick = join(g.root, 'usb');
  let host: ApiClient;
  const weights = randomBytes(64 * 1024);
  const config = Buffer.from(JSON.stringify({ architectures: ['GPT2LMHeadModel'] }));

  const pass = (id: string): void => {
    const { alice: a, bob: b } = g.people;
    a.json(g.next(), 'vote', id, 'yes');
    b.json(g.next(), 'vote', id, 'yes');
    a.json(g.next(), 'close', id);
  };
  const tiny = async (): Promise<LocalModelStatus> => {
    const { models } = await host.ok<{ models: LocalModelStatus[] }>('models:local');
    return models.find((m) => m.model === 'tiny' && m.version === '1.0')!;
  };

  beforeAll(async () => {
    await g.start();
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), config);
    writeFileSync(join(dir, 'onnx', 'model.onnx'), weights);
    // Bob imports and proposes it: his machine holds the files, Alice's (the host's) does not.
    const { bob } = g.people;
    const imported = bob.json<{ proposal: { id: string } }>(
      g.next(),
      'model',
      'import',
      dir,
      '--model',
      'tiny',
      '--version',
      '1.0',
      '--propose',
      '--name',
      'Tiny',
      '--license',
      'MIT',
      '--owner',
      'Alice=100',
    );
    pass(imported.proposal.id);
    const approve = bob.json<{ id: string }>(
      g.next(),
      'propose',
      'approve-use',
      '--title',
      'Use Tiny',
      '--model',
      'tiny',
      '--version',
      '1.0',
      '--purpose',
      'chat',
    );
    // Only the owners vote on a use: Alice owns it all.
    g.people.alice.json(g.next(), 'vote', approve.id, 'yes');
    g.people.alice.json(g.next(), 'close', approve.id);
    exportLfs(dir, stick);
    host = await new ApiClient(g.url).asHost(g.hostUrl);
  }, 180_000);
  afterAll(() => g.close());

  it('says an approved version has none of its files here, and what they weigh', async () => {
    expect(await tiny()).toMatchObject({
      status: 'not-imported',
      filesHere: 0,
      filesTotal: 2,
      missingBytes: weights.length + config.length,
      approved: true,
    });
  });

  it('stops a fetch from a peer that stalls, and keeps nothing', async () => {
    const peer = await stallingPeer();
    try {
      const pending = host.call('models:fetch', {
        runId: 'fetch-stall',
        model: 'tiny',
        version: '1.0',
        from: peer.url,
      });
      await until(() => peer.asked() > 0);
      const other = new ApiClient(g.url);
      await other.ok('session:join', { code: 'K7Q2MX' });
      // Another client cannot stop the host's fetch.
      expect(await other.ok('models:cancel', { runId: 'fetch-stall' })).toEqual({
        cancelled: false,
      });
      expect(await host.ok('models:cancel', { runId: 'fetch-stall' })).toEqual({
        cancelled: true,
      });
      const answer = await pending;
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('cancelled');
      expect(await tiny()).toMatchObject({ filesHere: 0, filesTotal: 2 });
    } finally {
      await peer.close();
    }
  });

  it('fetches every missing file from a folder in Git LFS layout, with progress', async () => {
    const { received, socket } = await host.events();
    try {
      const result = await host.ok<FetchView>('models:fetch', {
        runId: 'fetch-usb',
        model: 'tiny',
        version: '1.0',
        from: stick,
      });
      expect(result).toMatchObject({ model: 'tiny', version: '1.0', fetched: 2, refused: [] });
      expect(result.bytes).toBe(weights.length + config.length);
      expect(result.files.map((f) => f.status)).toEqual(['fetched', 'fetched']);
      expect(result.files.find((f) => f.path === 'onnx/model.onnx')?.sha256).toBe(sha(weights));
      await until(() => received.some((e) => e.event === 'models:onDidTransfer'));
      const transfers = received.filter((e) => e.event === 'models:onDidTransfer');
      for (const { payload } of transfers)
        expect(payload).toMatchObject({
          runId: 'fetch-usb',
          total: weights.length + config.length,
        });
      expect(await tiny()).toMatchObject({
        status: 'runnable',
        filesHere: 2,
        filesTotal: 2,
        missingBytes: 0,
      });
      // Fetched again: every file is here already, nothing moves.
      const again = await host.ok<FetchView>('models:fetch', {
        runId: 'fetch-again',
        model: 'tiny',
        version: '1.0',
        from: stick,
      });
      expect(again).toMatchObject({ fetched: 0, bytes: 0 });
      expect(again.files.map((f) => f.status)).toEqual(['present', 'present']);
    } finally {
      socket.close();
    }
  });

  it('pushes the files to a folder for a member, in Git LFS layout, with progress', async () => {
    const alice = await new ApiClient(g.url).asHost(g.hostUrl);
    await alice.ok('session:unlock', { passphrase: g.people.alice.passphrase });
    const out = join(g.root, 'pushed');
    mkdirSync(out);
    const { received, socket } = await alice.events();
    try {
      const pushed = await alice.ok<PushView>('models:push', {
        runId: 'push-alice',
        model: 'tiny',
        version: '1.0',
        remote: out,
      });
      expect(pushed).toMatchObject({ model: 'tiny', version: '1.0', uploaded: 2 });
      const oid = sha(weights);
      expect(
        readFileSync(join(out, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid)),
      ).toEqual(weights);
      await until(() => received.some((e) => e.event === 'models:onDidTransfer'));
      expect(received.find((e) => e.event === 'models:onDidTransfer')?.payload).toMatchObject({
        runId: 'push-alice',
      });
    } finally {
      socket.close();
    }
  });

  it('refuses a push to a session that is not a member, before anything moves', async () => {
    const carol = await new ApiClient(g.url).asHost(g.hostUrl);
    await carol.ok('session:unlockFile', {
      identity: g.identityFile('carol'),
      passphrase: g.people.carol.passphrase,
    });
    const refused = await carol.call('models:push', {
      runId: 'push-carol',
      model: 'tiny',
      version: '1.0',
      remote: stick,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'not-a-member' });
    expect(refused.body.error?.message).toMatch(/Carol .* is not a member/);
    const locked = await new ApiClient(g.url).asHost(g.hostUrl);
    const anonymous = await locked.call('models:push', {
      runId: 'push-nobody',
      model: 'tiny',
      version: '1.0',
      remote: stick,
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('no-identity');
  });

  it('refuses fetch and push to a browser that is not the host', async () => {
    const guest = new ApiClient(g.url);
    await guest.ok('session:join', { code: 'K7Q2MX' });
    await guest.ok('session:unlockFile', {
      identity: g.identityFile('bob'),
      passphrase: g.people.bob.passphrase,
    });
    for (const [channel, arg] of [
      ['models:fetch', { runId: 'g1', model: 'tiny', version: '1.0', from: stick }],
      ['models:push', { runId: 'g2', model: 'tiny', version: '1.0', remote: stick }],
    ] as const) {
      const answer = await guest.call(channel, arg);
      expect(answer.status, channel).toBe(401);
      expect(answer.body.error?.code).toBe('unauthorized');
    }
  });

  const good = { runId: 'r1', model: 'tiny', version: '1.0' };
  it.each([
    ['models:fetch', {}],
    ['models:fetch', { ...good, runId: '' }],
    ['models:fetch', { ...good, runId: 'x'.repeat(65) }],
    ['models:fetch', { ...good, model: '../etc' }],
    ['models:fetch', { ...good, model: 'Tiny' }],
    ['models:fetch', { ...good, version: '../1.0' }],
    ['models:fetch', { ...good, version: '1.0/../../x' }],
    ['models:fetch', { ...good, from: '' }],
    ['models:fetch', { ...good, from: 'x'.repeat(4097) }],
    ['models:fetch', { ...good, from: 42 }],
    ['models:fetch', { ...good, extra: true }],
    ['models:fetch', JSON.parse('{"runId":"r1","model":"tiny","version":"1.0","__proto__":{}}')],
    ['models:fetch', []],
    ['models:fetch', null],
    ['models:push', good],
    ['models:push', { ...good, remote: '' }],
    ['models:push', { ...good, remote: ['origin'] }],
    ['models:push', { ...good, remote: 'origin', model: 'a'.repeat(65) }],
    ['models:push', { ...good, remote: 'origin', runId: 7 }],
    ['models:cancel', { runId: '' }],
    ['models:cancel', { runId: 'r1', more: 1 }],
  ])('refuses %s with a hostile argument at the door (case %#)', async (channel, arg) => {
    const answer = await host.call(channel, arg);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid-argument');
  });

  it('refuses to fetch a version the group did not register, naming it', async () => {
    const answer = await host.call('models:fetch', { runId: 'nope', model: 'tiny', version: '9' });
    expect(answer.status).toBe(404);
    expect(answer.body.error?.message).toMatch(/9/);
  });
});

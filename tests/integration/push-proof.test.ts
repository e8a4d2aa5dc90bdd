/**
 * Member proofs name the server they are for: a server a member pushes to cannot pass the proof on
 * to another server, nor can it be used for another group; the honest routes (`steward sync`, git
 * through `steward credential`) keep working however the client writes the server's address; and
 * a flood of anonymous challenge requests does not push out a member's challenge.
 */
import { request, Agent } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { serveRepo, type Served } from '../../electron/core/server/serve';
import { CHALLENGE_PATH, makeProof, type Credentials } from '../../electron/core/sync/proof';
import { basicAuth, credentialArgs, fetchChallenge, runGit } from '../helpers/git-remote';
import { ServedGroup } from '../helpers/served-group';
import { startSteward } from '../helpers/steward-process';
import { CLI, steward } from '../helpers/cli';

/** A GET as a relay would send it: any Host header, from any local address. */
const get = (
  url: string,
  headers: Record<string, string>,
  options: { localAddress?: string; agent?: Agent } = {},
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { headers, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });

const RECEIVE_REFS = '/info/refs?service=git-receive-pack';

describe('member proofs', () => {
  const g = new ServedGroup();
  let group = '';
  /** Another peer's server: the relay. */
  let relay: Served;

  beforeAll(async () => {
    await g.start();
    group = (await fetchChallenge(g.url)).group;
    relay = await serveRepo({ ledger: await Ledger.open(await g.clone('relay-repo')) });
  });
  afterAll(async () => {
    await relay.close();
    await g.close();
  });

  const hostOf = (url: string): string => new URL(url).host;

  it('refuses a proof a relay passes on from a member who pushed to it', async () => {
    // The relay asks the target for a challenge and hands it to the member as its own; the
    // member signs it for the server they dialled, the relay.
    const relayed = await fetchChallenge(g.url);
    const proof = makeProof(g.signers.bob, { ...relayed, origin: new URL(relay.url).origin });
    const authorization = basicAuth(proof);

    const forwarded = await get(g.url + RECEIVE_REFS, { authorization });
    expect(forwarded.status).toBe(401);
    expect(forwarded.body).toMatch(
      `does not verify with that member’s key for this server (${new URL(g.url).origin})`,
    );
    // Claiming to be the relay does not help: that Host does not name the target.
    const posing = await get(g.url + RECEIVE_REFS, { authorization, host: hostOf(relay.url) });
    expect([posing.status, posing.body]).toEqual([
      401,
      `Steward: ${new URL(relay.url).origin} is not this server\n`,
    ]);
    // Nor does the target's port on another address, nor another name of this machine.
    const port = new URL(g.url).port;
    for (const host of [`127.0.0.2:${port}`, `localhost:${new URL(relay.url).port}`]) {
      const elsewhere = makeProof(g.signers.bob, { ...relayed, origin: `http://${host}` });
      const r = await get(g.url + RECEIVE_REFS, { authorization: basicAuth(elsewhere), host });
      expect([r.status, r.body]).toEqual([401, `Steward: http://${host} is not this server\n`]);
    }
    // A proof made with the relay's own challenge is unknown to the target.
    const own = await fetchChallenge(relay.url);
    const r = await get(g.url + RECEIVE_REFS, {
      authorization: basicAuth(makeProof(g.signers.bob, own)),
    });
    expect(r.body).toMatch('the challenge is unknown or was already used');

    // The challenge was not spent: the member's own proof for the target passes with it.
    const honest = makeProof(g.signers.bob, relayed);
    expect((await get(g.url + RECEIVE_REFS, { authorization: basicAuth(honest) })).status).toBe(
      200,
    );
  });

  it('refuses a proof made for another group', async () => {
    const target = await fetchChallenge(g.url);
    const other = makeProof(g.signers.bob, { ...target, group: 'f'.repeat(64) });
    const r = await get(g.url + RECEIVE_REFS, { authorization: basicAuth(other) });
    expect([r.status, r.body]).toEqual([
      401,
      expect.stringMatching(`and group ${group.slice(0, 12)}`),
    ]);
    expect(target.group).toBe(group);
  });

  it('signs no proof for a server holding another group than the repo’s', async () => {
    const alice = g.people.alice;
    const otherRepo = join(g.root, 'other-group');
    const founded = steward(['init', otherRepo, '--name', 'Other', '--json'], alice.env(g.next()));
    expect(founded.status, founded.stdout + founded.stderr).toBe(0);
    // Alice is a member there too, and its reads need a proof.
    const other = await serveRepo({
      ledger: await Ledger.open(otherRepo),
      readAccess: () => Promise.resolve('members'),
    });
    try {
      const mine = await g.clone('own-group');
      const r = await startSteward(
        ['sync', other.url, '--repo', mine, '--json'],
        alice.env(g.next()),
      ).done;
      expect(r.status).toBe(1);
      const { group: theirs } = await fetchChallenge(other.url);
      expect(r.json).toMatchObject({
        error: {
          code: 'sync-refused',
          message: `${new URL(other.url).host} holds group ${theirs.slice(0, 12)}, not this repo's (${group.slice(0, 12)}): no member proof was signed for it`,
        },
      });
    } finally {
      await other.close();
    }
  });

  it('refuses a v1 proof, and git shows why', async () => {
    const dir = await g.clone('v1');
    g.propose('alice', dir, 'Old client');
    const { challenge } = await fetchChallenge(g.url);
    const text = new TextEncoder().encode(`steward-push-proof-v1\n${challenge}\n`);
    const v1: Credentials = {
      username: g.signers.alice.id,
      password: `v1.${challenge}.${g.signers.alice.sign(text)}`,
    };
    const before = await g.head();
    const r = await g.push(dir, v1);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/remote: Steward: v1 member proofs are no longer accepted/);
    expect(await g.head()).toBe(before);
  });

  it('keeps a member’s challenge through a flood of challenge requests from another address', async () => {
    const mine = await fetchChallenge(g.url);
    // More requests than the whole table holds, from one other address, on one connection.
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const flood = Array.from({ length: 10_050 }, () =>
      get(g.url + CHALLENGE_PATH, {}, { localAddress: '127.0.0.2', agent }),
    );
    const answers = await Promise.all(flood);
    agent.destroy();
    expect(answers.every((a) => a.status === 200)).toBe(true);

    const dir = await g.clone('flooded');
    g.propose('bob', dir, 'After the flood');
    const r = await g.push(dir, makeProof(g.signers.bob, mine));
    expect(`${r.status} ${r.stderr}`).toMatch(/^0 /);
    expect(await g.head()).toBe(await g.head(dir));
  });

  describe('the honest routes, however the address is written', () => {
    let v6: Served;
    let port80: Served;
    beforeAll(async () => {
      v6 = await serveRepo({ ledger: await Ledger.open(g.repo), host: '::1' });
      port80 = await serveRepo({ ledger: await Ledger.open(g.repo), host: '127.0.0.2', port: 80 });
    });
    afterAll(async () => {
      await v6?.close();
      await port80?.close();
    });

    const addresses = (): [string, string][] => [
      ['an IPv4 address', g.url],
      ['localhost', g.url.replace('127.0.0.1', 'localhost')],
      ['LOCALHOST in capitals', g.url.replace('127.0.0.1', 'LOCALHOST')],
      ['an IPv6 address', v6.url],
      ['the default port, left out', 'http://127.0.0.2'],
      ['the default port, given', 'http://127.0.0.2:80'],
    ];

    it('pushes with steward sync and with git through steward credential', async () => {
      const alice = g.people.alice;
      let n = 0;
      for (const [name, url] of addresses()) {
        const dir = join(g.root, `honest-${++n}`);
        const env = alice.env(g.next());
        const cloned = await startSteward(['clone', url, dir, '--json'], env).done;
        expect(cloned.status, `${name}: clone ${cloned.stdout}${cloned.stderr}`).toBe(0);

        g.propose('alice', dir, `Synced via ${name}`);
        const synced = await startSteward(['sync', 'origin', '--repo', dir, '--json'], env).done;
        expect(synced.status, `${name}: sync ${synced.stdout}${synced.stderr}`).toBe(0);
        expect(synced.json, name).toMatchObject({ pushed: true });
        expect(await g.head(), name).toBe(await g.head(dir));

        g.propose('alice', dir, `Pushed via ${name}`);
        const helper = `!'${process.execPath}' '${CLI}' credential`;
        const r = await runGit(
          dir,
          [...credentialArgs(), '-c', `credential.helper=${helper}`, 'push', 'origin', 'main'],
          { ...g.env, ...alice.env(g.next()) },
        );
        expect(`${r.status} ${r.stderr}`, name).toMatch(/^0 /);
        expect(await g.head(), name).toBe(await g.head(dir));
      }
    });
  });
});

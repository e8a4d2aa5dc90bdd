/**
 * Credentials on the LFS client's side: a peer that lets only members read gets a member proof
 * signed for the origin dialled (and nothing from a non-member or a machine with no identity is
 * accepted); a forge's credentials go to the batch API only once it asks (a 401), only over https
 * or to this computer (never in clear to a LAN peer), and to links on its own origin, never to a
 * link on another origin.
 */
import { createServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { fetchVersion } from '../../electron/core/lfs/fetch';
import type { LfsSource } from '../../electron/core/lfs/types';
import { ModelStore } from '../../electron/core/models/store';
import type { HttpAuth } from '../../electron/core/sync/remote-http';
import type { DerivedState } from '../../shared/derive/state';
import { tempDir } from '../helpers/cli';
import { lfsServed, type LfsServed } from '../helpers/lfs-served';

let s: LfsServed;
let state: DerivedState;

beforeAll(async () => {
  s = await lfsServed();
  state = (await (await Ledger.open(s.g.repo)).load(new Date())).state;
}, 120_000);

afterAll(async () => {
  await s.close();
});

const fetchWith = (url: string, auth: HttpAuth, name = 'peer') =>
  fetchVersion({
    store: new ModelStore(tempDir('steward-lfs-auth-')),
    state,
    model: 'bert',
    version: '1.0',
    sources: [{ kind: 'http', name, url: `${url}/info/lfs` } satisfies LfsSource],
    auth: () => auth,
    now: new Date(),
  });

describe('fetch from a peer that lets only members read', () => {
  it('sends a member proof when the peer asks, and gets every file', async () => {
    const r = await fetchWith(s.membersOnly.url, { signer: () => Promise.resolve(s.alice) });
    expect(r.refused).toEqual([]);
    expect(r.fetched).toBe(s.g.imported.bert.length);
  });

  it('is refused, by name, with no identity to sign with or as a non-member', async () => {
    const none = await fetchWith(s.membersOnly.url, {});
    expect(none.fetched).toBe(0);
    expect(none.refused[0]!.reason).toMatch(/^peer asks for credentials, and there is no identity/);
    const carol = await fetchWith(s.membersOnly.url, { signer: () => Promise.resolve(s.carol) });
    expect(carol.fetched).toBe(0);
    expect(carol.refused[0]!.reason).toMatch(/^peer refused the credentials \(HTTP 40[13]\)/);
  });
});

describe('forge credentials and a peer', () => {
  const token = { username: 'bob', password: 'forge-token' };
  const basicToken = `Basic ${Buffer.from('bob:forge-token').toString('base64')}`;

  it('never go over plain http to another computer, even when it asks', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!lan) return; // no network address here: nothing but loopback to test against
    const seen: (string | undefined)[] = [];
    const hostile = createServer((req, res) => {
      seen.push(req.headers.authorization);
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="give me your token"' }).end();
    });
    await new Promise<void>((ok) => hostile.listen(0, lan, ok));
    const url = `http://${lan}:${(hostile.address() as AddressInfo).port}`;
    try {
      const r = await fetchWith(url, {
        credentials: token,
        signer: () => Promise.resolve(s.alice),
      });
      expect(r.fetched).toBe(0);
      expect(r.refused[0]!.reason).toMatch(
        /^peer asks for credentials.*; the forge credentials configured are not sent over plain http/,
      );
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((a) => a === undefined || !a.includes(basicToken.slice(6)))).toBe(true);
    } finally {
      hostile.closeAllConnections();
      hostile.close();
    }
  });

  it('refused by a peer, are followed by a member proof, and the fetch succeeds', async () => {
    const r = await fetchWith(s.membersOnly.url, {
      credentials: token,
      signer: () => Promise.resolve(s.alice),
    });
    expect(r.refused).toEqual([]);
    expect(r.fetched).toBe(s.g.imported.bert.length);
  });
});

describe("a forge's credentials", () => {
  it('go to the batch API and its own links, never to a link on another origin', async () => {
    const seen: { where: string; authorization?: string }[] = [];
    const store = new ModelStore(s.aliceStore.root);
    const serveObjects = (name: string) =>
      createServer((req, res) => {
        seen.push({
          where: name,
          ...(req.headers.authorization && { authorization: req.headers.authorization }),
        });
        const oid = /([0-9a-f]{64})$/.exec(req.url ?? '')![1]!;
        void import('node:fs').then((fs) => fs.createReadStream(store.blobPath(oid)).pipe(res));
      });
    const cdn = serveObjects('cdn');
    const forge = createServer((req, res) => {
      if (req.url?.startsWith('/objects/')) {
        seen.push({
          where: 'forge-object',
          ...(req.headers.authorization && { authorization: req.headers.authorization }),
        });
        const oid = /([0-9a-f]{64})$/.exec(req.url)![1]!;
        void import('node:fs').then((fs) => fs.createReadStream(store.blobPath(oid)).pipe(res));
        return;
      }
      seen.push({
        where: 'batch',
        ...(req.headers.authorization && { authorization: req.headers.authorization }),
      });
      if (req.headers.authorization !== `Basic ${Buffer.from('bob:token').toString('base64')}`) {
        res.writeHead(401).end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as {
          objects: { oid: string; size: number }[];
        };
        res.writeHead(200, { 'Content-Type': 'application/vnd.git-lfs+json' });
        res.end(
          JSON.stringify({
            objects: body.objects.map((o, i) => ({
              ...o,
              actions: {
                download: {
                  // Every other object from a CDN on another origin.
                  href: `${i % 2 === 0 ? forgeUrl : cdnUrl}/objects/${o.oid}`,
                },
              },
            })),
          }),
        );
      });
    });
    const listen = (server: ReturnType<typeof createServer>) =>
      new Promise<string>((ok) =>
        server.listen(0, '127.0.0.1', () =>
          ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      );
    const forgeUrl = await listen(forge);
    const cdnUrl = await listen(cdn);
    try {
      const refused = await fetchWith(forgeUrl, {}, 'forge');
      expect(refused.refused[0]!.reason).toMatch(/^forge asks for credentials/);
      seen.length = 0;
      const r = await fetchWith(
        forgeUrl,
        { credentials: { username: 'bob', password: 'token' } },
        'forge',
      );
      expect(r.fetched).toBe(s.g.imported.bert.length);
      const basic = `Basic ${Buffer.from('bob:token').toString('base64')}`;
      // Nothing until the forge asks (a 401), then its credentials.
      expect(seen.filter((x) => x.where === 'batch').map((x) => x.authorization)).toEqual([
        undefined,
        basic,
      ]);
      expect(
        seen.filter((x) => x.where === 'forge-object').every((x) => x.authorization === basic),
      ).toBe(true);
      expect(seen.some((x) => x.where === 'cdn')).toBe(true);
      expect(
        seen.filter((x) => x.where === 'cdn').every((x) => x.authorization === undefined),
      ).toBe(true);
    } finally {
      forge.closeAllConnections();
      cdn.closeAllConnections();
      forge.close();
      cdn.close();
    }
  });
});

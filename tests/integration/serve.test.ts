import * as fs from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import isogit from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { FLUSH, pktLine } from '../../electron/core/server/pkt-line';
import { serveRepo } from '../../electron/core/server/serve';
import { makeProof } from '../../electron/core/sync/proof';
import { basicAuth, bodyOf, demux, fetchChallenge, reportOf, runGit } from '../helpers/git-remote';
import { fetchBody, pushBody, RECEIVE, ServedGroup, UPLOAD } from '../helpers/served-group';

describe('steward serve over git smart HTTP', () => {
  const g = new ServedGroup();
  const { repo, env } = g;

  beforeAll(() => g.start());
  afterAll(() => g.close());

  it('serves a clone equal to the repo, then a fetch of exactly a new statement', async () => {
    const dir = await g.clone('c1');
    expect(await g.head(dir)).toBe(await g.head());
    // The same paths and blobs in both indexes, and each work tree clean against its index.
    expect(await g.git(dir, 'ls-files', '--stage')).toBe(await g.git(repo, 'ls-files', '--stage'));
    expect(await g.git(dir, 'status', '--porcelain')).toBe('');
    await g.fsck(dir);

    const before = await g.head();
    g.propose('bob', repo, 'Lunch');
    const after = await g.head();
    await g.git(dir, 'fetch', 'origin');
    expect(await g.git(dir, 'rev-list', `${before}..origin/main`)).toBe(after);
    expect(await g.git(dir, 'diff', '--name-only', before, 'origin/main')).toBe(
      await g.git(repo, 'diff', '--name-only', before, after),
    );
    // Only what the clone lacked came over: the commit, the trees it changed, the new file.
    const lacking = await g.git(dir, 'rev-list', '--objects', `${before}..${after}`);
    expect(g.latest('fetch')).toMatchObject({
      wants: [after],
      objects: lacking.split('\n').length,
    });
    await g.fsck(dir);
  });

  it('takes a statement a member pushes with the git CLI, and moves main', async () => {
    const dir = await g.clone('c2');
    g.propose('alice', dir, 'Dinner');
    const pushed = await g.head(dir);
    const credentials = await g.proof('alice');
    const r = await g.push(dir, credentials, '--progress', 'origin', 'main');
    expect(`${r.status} ${r.stderr}`).toMatch(/^0 [^]*remote: 1 new statement file/);
    expect(await g.head()).toBe(pushed);
    // The server's work tree follows its branch.
    expect(await g.git(repo, 'status', '--porcelain')).toBe('');
    expect(g.latest('push')).toMatchObject({ member: g.signers.alice.id, after: pushed });
    expect(g.people.alice.json(g.next(), 'verify', '--strict')).toMatchObject({ ok: true });
    await g.fsck(dir);

    // That proof is spent: the same credentials cannot push again.
    g.propose('alice', dir, 'Breakfast');
    const replayed = await g.push(dir, credentials);
    expect(replayed.stderr).toMatch(/unknown or was already used[^]*Authentication failed/);
    expect(await g.head()).toBe(pushed);
  });

  it('refuses a push without a valid member proof, and changes nothing', async () => {
    const dir = await g.clone('c3');
    g.propose('bob', dir, 'Tea');
    const before = await g.head();
    const objects = g.objectFiles();
    const { bob, carol } = g.signers;

    expect((await g.push(dir)).status).not.toBe(0);
    const challenge = await fetchChallenge(g.url);
    const refusals: [string, Parameters<typeof g.push>[1], number?][] = [
      ['is not a member', makeProof(carol, challenge)],
      ['does not verify', { ...makeProof(carol, challenge), username: bob.id }],
      ['not a Steward member proof', { username: bob.id, password: 'hunter2' }],
      ['has expired', makeProof(bob, challenge), 6 * 60_000],
    ];
    for (const [reason, credentials, clockShift = 0] of refusals) {
      g.clockShift = clockShift;
      const r = await g.push(dir, credentials).finally(() => (g.clockShift = 0));
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(RegExp(`remote: Steward: .*${reason}`));
    }
    expect(await g.head()).toBe(before);
    expect(g.objectFiles()).toEqual(objects);

    const refs = (headers = {}) =>
      fetch(`${g.url}/info/refs?service=git-receive-pack`, { headers });
    const res = await refs();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="Steward members"');
    expect(await res.text()).toBe('Steward: a member proof is required\n');
    const other = pushBody('0'.repeat(40), before, Buffer.alloc(0), 'refs/heads/x');
    expect((await g.post('/git-receive-pack', RECEIVE, other)).status).toBe(401);

    // A proof reads the refs as often as it likes; the request that writes spends it.
    const { authorization } = await g.authorization('bob');
    for (let i = 0; i < 2; i++) expect((await refs({ authorization })).status).toBe(200);
    const spent = await g.post('/git-receive-pack', RECEIVE, other, { authorization });
    expect(reportOf(await bodyOf(spent))).toEqual([
      'unpack ok',
      'ng refs/heads/x only refs/heads/main can be pushed to',
    ]);
    const again = await g.post('/git-receive-pack', RECEIVE, other, { authorization });
    expect([again.status, await again.text()]).toEqual([
      401,
      expect.stringContaining('already used'),
    ]);
    expect(await g.head()).toBe(before);
    await g.fsck(dir);
  });

  it('refuses a push that is not a fast-forward or that rewrites a statement', async () => {
    const dir = await g.clone('c4');
    g.propose('bob', repo, 'Coffee');
    const before = await g.head();
    g.propose('alice', dir, 'Cake');
    const objects = g.objectFiles();
    const forced = await g.push(dir, await g.proof('alice'), '--force', 'origin', 'main');
    expect(forced.stderr).toMatch(/remote rejected.*not a fast-forward: fetch and merge first/);
    const rewind = await g.push(dir, await g.proof('alice'), '-f', 'origin', 'origin/main:main');
    expect(rewind.stderr).toMatch(/remote rejected.*already holds [0-9a-f]{12} and more/);
    expect(await g.head()).toBe(before);

    const rewriter = await g.clone('c5');
    const charter = join(rewriter, 'charter.json');
    fs.writeFileSync(charter, fs.readFileSync(charter, 'utf8').replace('Guild', 'Gild'));
    await g.git(rewriter, 'commit', '-qam', 'a better name');
    const rewrite = await g.push(rewriter, await g.proof('alice'));
    expect(rewrite.stderr).toMatch(/remote rejected.*the incoming history changes charter\.json/);
    expect(g.latest('push-rejected')).toMatchObject({ member: g.signers.alice.id });
    expect(await g.head()).toBe(before);
    expect(g.objectFiles()).toEqual(objects);
    await g.fsck(dir, rewriter);
  });

  it('answers bad input to upload-pack with clear errors', async () => {
    const tip = await g.head();
    const blob = await g.git(repo, 'rev-parse', 'HEAD:charter.json');
    const stranger = 'ab'.repeat(20);
    const deepen = Buffer.concat([pktLine(`want ${tip}\n`), pktLine('deepen 1\n'), FLUSH]);
    const gzip = { 'Content-Encoding': 'gzip' };
    const hostile: [string, Buffer, Record<string, string>, number, RegExp][] = [
      ['garbage', Buffer.from('hello, server'), {}, 400, /^the request is not in git's pkt-line/],
      ['a packet past the end', Buffer.from('00ffwant'), {}, 400, /ends inside a packet/],
      ['wants with no flush', pktLine(`want ${tip}\n`), {}, 400, /ends before a flush/],
      ['another type', FLUSH, { 'Content-Type': 'text/plain' }, 415, /Content-Type/],
      ['bad gzip', Buffer.from('not gzip'), gzip, 400, /not valid gzip/],
      [
        'an unknown want',
        fetchBody(stranger),
        {},
        200,
        RegExp(`ERR upload-pack: not our ref ${stranger}`),
      ],
      ['a blob wanted', fetchBody(blob), {}, 200, RegExp(`ERR upload-pack: not our ref ${blob}`)],
      ['a shallow fetch', deepen, {}, 200, /ERR upload-pack: shallow and partial clones/],
    ];
    for (const [what, body, headers, status, answer] of hostile) {
      const res = await g.post('/git-upload-pack', UPLOAD, body, headers);
      expect([what, res.status, await res.text()]).toEqual([
        what,
        status,
        expect.stringMatching(answer),
      ]);
    }
    const zipped = await g.post(
      '/git-upload-pack',
      UPLOAD,
      gzipSync(fetchBody(`${tip} side-band-64k`)),
      gzip,
    );
    const { lines, data } = demux(await bodyOf(zipped));
    expect([lines, data.subarray(0, 4).toString()]).toEqual([['NAK'], 'PACK']);

    expect((await fetch(`${g.url}/info/refs`)).status).toBe(403);
    expect((await fetch(`${g.url}/objects/info/packs`)).status).toBe(404);
    const put = await fetch(`${g.url}/info/refs`, { method: 'PUT' });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET']);
  });

  it('leaves the repo exactly as it was after a truncated or garbled push', async () => {
    const before = await g.head();
    const objects = g.objectFiles();
    const dir = await g.clone('c7');
    g.propose('alice', dir, 'Supper');
    const tip = await g.head(dir);
    const pack = await g.packBetween(dir, before, tip);
    const receive = async (body: Buffer, proof?: string) =>
      g.post('/git-receive-pack', RECEIVE, body, {
        authorization: proof ?? (await g.authorization('alice')).authorization,
      });
    const truncated = await receive(pushBody(before, tip, pack.subarray(0, pack.length - 7)));
    expect(reportOf(await bodyOf(truncated))).toEqual([
      'unpack the incoming pack is damaged: its checksum does not match (truncated?)',
      'ng refs/heads/main unpacker error',
    ]);
    expect((await receive(Buffer.from('zzzz'))).status).toBe(400);
    expect(await g.head()).toBe(before);
    expect(g.objectFiles()).toEqual(objects);
    await g.fsck();

    // git's probe before a large push: a bare flush, answered empty, the proof left unspent.
    const { authorization: proof } = await g.authorization('alice');
    const probe = await receive(FLUSH, proof);
    expect([probe.status, (await bodyOf(probe)).length]).toEqual([200, 0]);
    const whole = await receive(pushBody(before, tip, pack), proof);
    expect(reportOf(await bodyOf(whole))).toEqual(['unpack ok', 'ok refs/heads/main']);
    expect(await g.head()).toBe(tip);
    await g.fsck(dir);
  });

  it('refuses bodies over its limits and keeps serving', async () => {
    const small = await serveRepo({
      ledger: await Ledger.open(repo),
      limits: { pushBytes: 64 * 1024, fetchBytes: 1024 },
    });
    try {
      const tip = await g.head();
      const auth = await g.authorization('alice', small.url);
      const gzip = { 'Content-Encoding': 'gzip' };
      const oversized: [string, string, Buffer, Record<string, string>][] = [
        ['/git-upload-pack', UPLOAD, fetchBody(...Array.from({ length: 30 }, () => tip)), {}],
        ['/git-upload-pack', UPLOAD, gzipSync(Buffer.alloc(1 << 22)), gzip],
        ['/git-receive-pack', RECEIVE, pushBody(tip, tip, Buffer.alloc(1 << 17)), auth],
      ];
      for (const [path, type, body, headers] of oversized) {
        const res = await g.post(path, type, body, headers, small.url);
        expect(`${res.status} ${await res.text()}`).toMatch(/^413 .*over the limit/);
      }
      const refs = await fetch(`${small.url}/info/refs?service=git-upload-pack`);
      expect([
        refs.status,
        refs.headers.get('content-type'),
        refs.headers.get('cache-control'),
      ]).toEqual([
        200,
        'application/x-git-upload-pack-advertisement',
        expect.stringMatching(/^no-cache/),
      ]);
    } finally {
      await small.close();
    }
  });

  it('serves an empty repo, to which no one can push', async () => {
    const empty = await serveRepo({ ledger: await Ledger.init(join(g.root, 'empty')) });
    try {
      const refs = await fetch(`${empty.url}/info/refs?service=git-upload-pack`);
      expect(demux(await bodyOf(refs)).lines[1]).toMatch(/^0{40} capabilities\^\{\}\0multi_ack/);
      const cloned = await runGit(g.root, ['clone', empty.url, 'e1'], env);
      expect(cloned.stderr).toContain('cloned an empty repository');
      const bare = await fetchChallenge(empty.url); // no charter: no group, no proof passes
      const { group } = await fetchChallenge(g.url);
      const headers = { authorization: basicAuth(makeProof(g.signers.alice, { ...bare, group })) };
      const push = await fetch(`${empty.url}/info/refs?service=git-receive-pack`, { headers });
      expect(`${push.status} ${await push.text()}`).toMatch(/^401 .*is not a member/);
    } finally {
      await empty.close();
    }
  });

  describe('with isomorphic-git as the client', () => {
    const dir = join(g.root, 'iso');

    it('clones and fetches', async () => {
      await isogit.clone({ fs, http, dir, url: g.url });
      expect(await g.head(dir)).toBe(await g.head());
      g.propose('bob', repo, 'Picnic');
      const fetched = await isogit.fetch({ fs, http, dir, url: g.url, singleBranch: true });
      expect(fetched.fetchHead).toBe(await g.head());
      await g.fsck(dir);
    });

    it('pushes with a proof given by onAuth', async () => {
      await g.git(dir, 'merge', '-q', '--ff-only', 'origin/main');
      g.propose('bob', dir, 'Barbecue');
      const proof = await g.proof('bob');
      const result = await isogit.push({ fs, http, dir, url: g.url, onAuth: () => proof });
      expect(result.ok).toBe(true);
      expect(await g.head()).toBe(await g.head(dir));
      await g.fsck(dir);
    });
  });

  // Last: from here on, every read needs a proof.
  it('lets only members read once the charter says so', async () => {
    g.amendCharter('readAccess=members');
    expect((await g.lsRemote()).status).not.toBe(0);
    expect((await g.lsRemote('carol')).stderr).toContain('is not a member');
    const tip = await g.head();
    expect((await g.lsRemote('bob')).stdout).toBe(`${tip}\tHEAD\n${tip}\trefs/heads/main\n`);
    const dir = await g.clone('c6', await g.proof('bob'));
    expect(await g.head(dir)).toBe(tip);
    expect((await g.post('/git-upload-pack', UPLOAD, fetchBody(tip))).status).toBe(401);
    await g.fsck(dir);
  });
});

import { describe, expect, it } from 'vitest';
import { generateKeyPair, signWithSeed } from '../../../electron/core/crypto';
import {
  Challenges,
  makeProof,
  originOf,
  originOfHost,
  proofMessage,
  readChallenge,
  type Credentials,
  type Expected,
  type ProofCheck,
} from '../../../electron/core/sync/proof';

const person = (id: string) => {
  const { publicKey, seed } = generateKeyPair();
  return { id, publicKey, sign: (m: Uint8Array) => signWithSeed(seed, publicKey, m) };
};

const GROUP = 'a'.repeat(64);
const ORIGIN = 'http://127.0.0.1:8080';

describe('proofMessage', () => {
  it('is the exact text a second implementation must sign', () => {
    const text = new TextDecoder().decode(
      proofMessage({ origin: ORIGIN, group: GROUP, challenge: 'c'.repeat(32) }),
    );
    expect(text).toBe(
      `steward-push-proof-v2\norigin=http://127.0.0.1:8080\ngroup=${GROUP}\nchallenge=${'c'.repeat(32)}\n`,
    );
  });
});

describe('originOf and originOfHost', () => {
  // What a client dials, and the Host header a client sends for it: both give one origin.
  const same: [string, string[], string][] = [
    ['http://127.0.0.1:8080/repo', ['127.0.0.1:8080'], 'http://127.0.0.1:8080'],
    ['http://LocalHost:8080', ['localhost:8080', 'LOCALHOST:8080'], 'http://localhost:8080'],
    ['http://[::1]:8080/', ['[::1]:8080', '[0:0:0:0:0:0:0:1]:8080'], 'http://[::1]:8080'],
    ['http://[0::1]:8080/', ['[::0:1]:8080'], 'http://[::1]:8080'],
    ['http://127.0.0.1/', ['127.0.0.1', '127.0.0.1:80'], 'http://127.0.0.1'],
    ['http://127.0.0.1:80/', ['127.0.0.1'], 'http://127.0.0.1'],
    ['http://laptop.local:8080/', ['Laptop.Local:8080'], 'http://laptop.local:8080'],
  ];
  it.each(same)('gives %s and its Host headers one origin', (url, hosts, origin) => {
    expect(originOf(url)).toBe(origin);
    for (const host of hosts) expect(originOfHost(host)).toBe(origin);
  });

  it('keeps the scheme: https has its own default port', () => {
    expect(originOf('https://example.org:443/x')).toBe('https://example.org');
    expect(originOf('https://example.org:80/x')).toBe('https://example.org:80');
    expect(originOfHost('example.org:443')).toBe('http://example.org:443');
  });

  const hostile = [
    undefined,
    '',
    'evil@127.0.0.1:8080',
    '127.0.0.1:8080/path',
    '127.0.0.1:8080:8080',
    '127.0.0.1:',
    '127.0.0.1:99999',
    '::1',
    '[::1',
    '[fe80::1%25eth0]:80',
    'a b',
    'host\r\nx: y',
    'http://127.0.0.1',
    '127.0.0.1#frag',
    '127.0.0.1?q',
  ];
  it.each(hostile)('refuses the Host header %j', (host) => {
    expect(originOfHost(host)).toBeUndefined();
  });

  it.each(['ftp://example.org', 'not a url', 'file:///etc'])('refuses to dial %s', (url) => {
    expect(() => originOf(url)).toThrow(/not an? (http\(s\) )?URL/);
  });
});

describe('readChallenge', () => {
  const challenge = 'x'.repeat(32);
  it.each([
    [undefined],
    [{ challenge }],
    [{ challenge, group: 'g' }],
    [{ challenge, group: `${GROUP}\nchallenge=y` }],
    [{ challenge: 'short', group: GROUP }],
    [{ challenge: `${challenge}\n`, group: GROUP }],
  ])('refuses %j', (body) => {
    expect(readChallenge(body)).toBeUndefined();
  });
  it('reads a challenge and a group', () => {
    expect(readChallenge({ challenge, group: GROUP, expires: 'x' })).toEqual({
      challenge,
      group: GROUP,
    });
  });
});

describe('Challenges', () => {
  const bob = person('b'.repeat(64));
  const expected = (over: Partial<Expected> = {}): Expected => ({
    origin: ORIGIN,
    group: GROUP,
    keyOf: (id) => (id === bob.id ? bob.publicKey : undefined),
    ...over,
  });
  const proof = (challenge: string, over: { origin?: string; group?: string } = {}) =>
    makeProof(bob, { origin: ORIGIN, group: GROUP, challenge, ...over });
  const reasonOf = (check: ProofCheck): string => (check.ok ? 'ok' : check.reason);

  it('takes a proof for its origin and group, and spends it on the write', () => {
    const table = new Challenges();
    const { challenge } = table.issue('10.0.0.1');
    expect(table.check(proof(challenge), expected(), false)).toEqual({ ok: true, member: bob.id });
    expect(table.check(proof(challenge), expected(), true)).toEqual({ ok: true, member: bob.id });
    expect(reasonOf(table.check(proof(challenge), expected(), true))).toMatch(
      /unknown or was already used/,
    );
  });

  const refused: [string, (c: string) => Credentials, Partial<Expected>, RegExp][] = [
    [
      'a proof made for another origin',
      (c) => proof(c, { origin: 'http://127.0.0.1:9090' }),
      {},
      /does not verify .* for this server \(http:\/\/127\.0\.0\.1:8080\) and group a{12}/,
    ],
    ['a proof made for another group', (c) => proof(c, { group: 'b'.repeat(64) }), {}, /group/],
    [
      'a v1 proof',
      (c) => ({
        username: bob.id,
        password: `v1.${c}.${bob.sign(new TextEncoder().encode(`steward-push-proof-v1\n${c}\n`))}`,
      }),
      {},
      /v1 member proofs are no longer accepted/,
    ],
    ['a proof to a server with no group', (c) => proof(c), { group: undefined }, /no group/],
    ['a non-member', (c) => proof(c), { keyOf: () => undefined }, /is not a member/],
    ['no proof', () => undefined as unknown as Credentials, {}, /a member proof is required/],
  ];
  it.each(refused)('refuses %s, and the challenge stays', (_, make, over, reason) => {
    const table = new Challenges();
    const { challenge } = table.issue('10.0.0.1');
    expect(reasonOf(table.check(make(challenge), expected(over), true))).toMatch(reason);
    expect(table.check(proof(challenge), expected(), true)).toMatchObject({ ok: true });
  });

  it('refuses an expired challenge', () => {
    let now = 0;
    const table = new Challenges(() => now);
    const { challenge } = table.issue('10.0.0.1');
    now = 5 * 60_000;
    expect(reasonOf(table.check(proof(challenge), expected(), false))).toMatch(/expired/);
    expect(table.size).toBe(0);
  });

  it('keeps a member’s challenge through a flood from another address', () => {
    const table = new Challenges();
    const { challenge } = table.issue('10.0.0.1');
    for (let i = 0; i < 10_050; i++) table.issue('10.6.6.6');
    expect(table.size).toBe(33);
    expect(table.check(proof(challenge), expected(), true)).toMatchObject({ ok: true });
  });

  it('keeps a member’s challenge through a flood from many addresses that fills the table', () => {
    const table = new Challenges();
    const { challenge } = table.issue('10.0.0.1');
    for (let round = 0; round < 40; round++)
      for (let a = 0; a < 400; a++) table.issue(`10.6.${a >> 8}.${a & 255}`);
    expect(table.size).toBe(10_000);
    expect(table.check(proof(challenge), expected(), true)).toMatchObject({ ok: true });
  });

  it('keeps the newest of each flooding client, and each holder’s share, when full', () => {
    const table = new Challenges(Date.now, { perClient: 4, total: 10 });
    const mine = [1, 2].map(() => table.issue('10.0.0.1').challenge);
    const flood = Array.from({ length: 20 }, (_, i) => table.issue(`10.6.6.${i % 3}`).challenge);
    expect(table.size).toBe(10);
    for (const c of mine)
      expect(table.check(proof(c), expected(), false)).toMatchObject({ ok: true });
    // Each flooder's last challenges are live; the first ones went.
    expect(table.check(proof(flood.at(-1)!), expected(), false)).toMatchObject({ ok: true });
    expect(table.check(proof(flood[0]!), expected(), false)).toMatchObject({ ok: false });
  });
});

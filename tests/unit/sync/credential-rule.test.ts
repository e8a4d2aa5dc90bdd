/**
 * A forge's token (STEWARD_GIT_TOKEN) is given to git's 401 only where it cannot be read on the
 * way: https, or this computer. A plain-http peer on the network gets no token (a member proof
 * instead, when there is an identity to sign with).
 */
import { describe, expect, it } from 'vitest';
import { mayCarryCredentials } from '../../../electron/core/sync/credential-rule';
import { authFor } from '../../../electron/core/sync/proof-http';

const token = { username: 'alice', password: 'forge-token' };

describe('mayCarryCredentials', () => {
  it.each([
    ['https://git.example.org/guild.git', true],
    ['https://192.168.1.5:8443/', true],
    ['http://127.0.0.1:8080/', true],
    ['http://127.9.9.9/', true],
    ['http://localhost:3000/guild.git', true],
    ['http://[::1]:8080/', true],
    ['http://192.168.1.5:8080/', false],
    ['http://10.0.0.2/guild.git', false],
    ['http://git.example.org/guild.git', false],
    ['http://localhost.evil.example/', false],
    ['http://127.0.0.1.evil.example/', false],
    ['http://[::ffff:192.168.1.5]/', false],
    ['http://2130706433/', true],
    ['http://1270.0.0.1/', false],
    ['not a url', false],
  ])('%s: %s', (url, expected) => {
    expect(mayCarryCredentials(url)).toBe(expected);
  });
});

describe('authFor', () => {
  it('answers a 401 from an https forge or this computer with the token', async () => {
    expect(await authFor('https://git.example.org/g.git', { credentials: token })()).toEqual(token);
    expect(await authFor('http://127.0.0.1:8080/', { credentials: token })()).toEqual(token);
  });

  it('gives a plain-http server on the network no token, and with no identity cancels', async () => {
    const answer = await authFor('http://192.168.1.5:8080/', { credentials: token })();
    expect(answer).toEqual({ cancel: true });
  });
});

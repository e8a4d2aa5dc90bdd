/**
 * The Host header every route of the server checks: read strictly, and answered only when it
 * names an address, localhost or a name the server was bound to. Hostile inputs first.
 */
import { describe, expect, it } from 'vitest';
import { boundNames, hostAllowed, parseHost } from '../../../electron/core/server/host-header';

describe('parseHost', () => {
  it.each([
    ['127.0.0.1:8080', { name: '127.0.0.1', port: 8080 }],
    ['127.0.0.1', { name: '127.0.0.1' }],
    ['localhost:1', { name: 'localhost', port: 1 }],
    ['[::1]:65535', { name: '::1', port: 65535 }],
    ['[::1]', { name: '::1' }],
    ['[FD00::2]:80', { name: 'fd00::2', port: 80 }],
    ['Laptop.Local:8080', { name: 'laptop.local', port: 8080 }],
    ['192.0.2.2:40123', { name: '192.0.2.2', port: 40123 }],
  ])('reads %s', (header, expected) => {
    expect(parseHost(header)).toEqual(expected);
  });

  it.each([
    'evil.example:80:80',
    'evil.example:',
    'evil.example: 80',
    'evil.example:+80',
    'evil.example:0x50',
    '127.0.0.1:',
    '127.0.0.1:0',
    '1.2.3.4:99999',
    '1.2.3.4:123456',
    '[::1',
    '[::1]:',
    '[::1]x',
    '[::1]:80:80',
    '::1',
    '::1:80',
    '[fe80::1%25eth0]:80',
    '[evil.example]:80',
    '[127.0.0.1]:80',
    '1.2.3.4.5',
    '0x7f.1',
    '0x7f000001',
    '127.1',
    '2130706433',
    '127.0.0.01',
    '256.0.0.1',
    '',
    ' ',
    'evil.example /x',
    'evil.example@127.0.0.1',
    'user@127.0.0.1:80',
    'evil.example\\@127.0.0.1',
    '-evil.example',
    'evil..example',
    'evil.example.',
    'ev_il.example',
    'évil.example',
    `${'a'.repeat(64)}.example`,
    `${'a.'.repeat(128)}example`,
  ])('refuses %j', (header) => {
    expect(parseHost(header)).toBeUndefined();
  });
});

describe('hostAllowed', () => {
  it.each([
    '127.0.0.1:8080',
    'localhost:8080',
    'LOCALHOST:8080',
    '[::1]:8080',
    '0.0.0.0:8080',
    '192.0.2.2:8080',
    '[fd00::2]:8080',
    '10.0.0.7',
  ])('answers %s, an address or localhost', (header) => {
    expect(hostAllowed(header)).toBe(true);
  });

  it.each([
    undefined,
    'evil.example',
    'evil.example:8080',
    'laptop.local:8080',
    'localhost.evil.example:8080',
    '127.0.0.1.evil.example:8080',
    'evil.example:80:80',
    'evil.example:',
    '[::1',
    '1.2.3.4:99999',
    '1.2.3.4.5',
    '0x7f.1',
  ])('refuses %j, a domain or no host at all', (header) => {
    expect(hostAllowed(header)).toBe(false);
  });

  it('answers a name the server was bound to, and no other', () => {
    expect(hostAllowed('laptop.local:8080', ['laptop.local'])).toBe(true);
    expect(hostAllowed('LAPTOP.local:8080', ['laptop.local'])).toBe(true);
    expect(hostAllowed('other.local:8080', ['laptop.local'])).toBe(false);
    expect(hostAllowed('laptop.local.evil.example:8080', ['laptop.local'])).toBe(false);
  });

  it('binds names, not addresses, for a server told to listen on a name', () => {
    expect(boundNames('Laptop.local')).toEqual(['laptop.local']);
    expect(boundNames('0.0.0.0')).toEqual([]);
    expect(boundNames('::')).toEqual([]);
    expect(boundNames('127.0.0.1')).toEqual([]);
    expect(boundNames('localhost')).toEqual([]);
  });
});

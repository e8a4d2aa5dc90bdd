/**
 * The address a review room is offered on: this machine's own on its networks, IPv4 first, never
 * a loopback, unspecified or link-local address (nobody in the room can type a zone id).
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddresses, urlOf } from '../../../electron/core/server/lan-address';

const at = (address: string, internal = false): NetworkInterfaceInfo =>
  address.includes(':')
    ? { address, netmask: 'ffff::', family: 'IPv6', mac: '', internal, cidr: null, scopeid: 0 }
    : { address, netmask: '255.255.255.0', family: 'IPv4', mac: '', internal, cidr: null };

describe('lanAddresses', () => {
  it.each([
    [
      'IPv4 before IPv6',
      { eth0: [at('fd00::2'), at('192.168.1.20')] },
      ['192.168.1.20', 'fd00::2'],
    ],
    ['no loopback', { lo: [at('127.0.0.1', true), at('::1', true)] }, []],
    [
      'no link-local IPv6',
      { wlan0: [at('fe80::1c2:3ff:fe44:5566'), at('10.0.0.7')] },
      ['10.0.0.7'],
    ],
    [
      'every interface, once',
      { a: [at('10.0.0.7')], b: [at('10.0.0.7'), at('172.16.0.2')] },
      ['10.0.0.7', '172.16.0.2'],
    ],
    ['an interface with no addresses', { tun0: undefined }, []],
  ])('%s', (_name, interfaces, expected) => {
    expect(lanAddresses(() => interfaces)).toEqual(expected);
  });
});

describe('urlOf', () => {
  it('brackets an IPv6 address', () => {
    expect(urlOf('192.168.1.20', 8787)).toBe('http://192.168.1.20:8787');
    expect(urlOf('fd00::2', 8787)).toBe('http://[fd00::2]:8787');
  });
});

/**
 * The address people in the room type to reach this machine: its own address on the local
 * network, read from the network interfaces, never 0.0.0.0 or a loopback address. IPv4 comes
 * first (short, and what phones on a Wi-Fi are given); a link-local IPv6 address needs a zone id
 * that nobody can type, so it is never offered.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export type Interfaces = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

const linkLocal = (address: string): boolean => /^fe[89ab][0-9a-f]:/i.test(address);

/** This machine's addresses on its networks, best first: IPv4, then routable IPv6. */
export const lanAddresses = (interfaces: Interfaces = networkInterfaces): string[] => {
  const all = Object.values(interfaces())
    .flat()
    .filter((i): i is NetworkInterfaceInfo => i !== undefined && !i.internal);
  const v4 = all.filter((i) => i.family === 'IPv4').map((i) => i.address);
  const v6 = all
    .filter((i) => i.family === 'IPv6' && !linkLocal(i.address) && i.address !== '::1')
    .map((i) => i.address);
  return [...new Set([...v4, ...v6])];
};

/** `http://address:port`, with an IPv6 address in brackets. */
export const urlOf = (address: string, port: number): string =>
  `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

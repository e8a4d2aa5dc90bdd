/**
 * Who a connection is, for the limits a server keeps per client (session codes, unlocks,
 * sessions, challenges): one rule for every one of them.
 */
import { isIP } from 'node:net';

/** An IPv4 address as itself, not as the IPv4-mapped IPv6 address a dual-stack socket reports. */
export const unmapped = (address: string): string =>
  /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;

/** An IPv6 address's eight groups, each as four hex digits. */
export const ipv6Groups = (address: string): string[] => {
  let text = address.toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) as two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.padStart(4, '0'));
};

/**
 * Who asked for a challenge, for the per-client bound on outstanding ones: an IPv4 address, or an
 * IPv6 address's /64 (one machine is commonly given a whole /64, so its addresses are one client).
 */
export const clientOf = (remoteAddress: string | undefined): string => {
  if (!remoteAddress) return 'unknown';
  const address = unmapped(remoteAddress);
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
};

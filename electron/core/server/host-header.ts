/**
 * The Host header, read strictly (RFC 9110 §7.2: `uri-host [":" port]`), and the rule every route
 * of the server shares against DNS rebinding: a page from a domain someone else controls, once
 * that domain resolves to this machine, still names its own domain in Host. So the server answers
 * only Host headers naming an IP address, `localhost`, or a name it was explicitly bound to.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type HostHeader = { name: string; port?: number };

// One to five digits, no sign or space: Number() alone would take '0x50' or ' 80'.
const PORT = /^[0-9]{1,5}$/;
// A DNS name as a browser sends it: letters, digits, hyphens, dots between labels.
const LABEL = '(?!-)[a-z0-9-]{1,63}(?<!-)';
const NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);

/**
 * A DNS name, not an address in disguise: a last label that is a number (`1.2.3.4.5`, `0x7f.1`,
 * `127.1`) makes a browser read the whole as an IPv4 address, so no name ends that way.
 */
const isName = (text: string): boolean => {
  const last = text.slice(text.lastIndexOf('.') + 1);
  return NAME.test(text) && !/^[0-9]+$/.test(last) && !/^0x[0-9a-f]*$/.test(last);
};

const portOf = (text: string): number | undefined => {
  if (!PORT.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
};

/**
 * The name (lowercase; an IPv6 address without its brackets) and port of a Host header, or
 * undefined when it is not exactly one well-formed host: `evil.example:80:80`, `evil.example:`,
 * `[::1`, a bare `::1`, a port out of range, a zone id.
 */
export const parseHost = (header: string | undefined): HostHeader | undefined => {
  if (header === undefined || header.length === 0 || header.length > 255) return undefined;
  const text = header.toLowerCase();
  let name: string;
  let rest: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    name = text.slice(1, close);
    // An IPv6 literal, nothing else in brackets (no IPvFuture, no zone id).
    if (!isIPv6(name) || name.includes('%')) return undefined;
    rest = text.slice(close + 1);
  } else {
    const colon = text.indexOf(':');
    name = colon < 0 ? text : text.slice(0, colon);
    rest = colon < 0 ? '' : text.slice(colon);
    if (!isIPv4(name) && !isName(name)) return undefined;
  }
  if (rest === '') return { name };
  if (!rest.startsWith(':')) return undefined;
  const port = portOf(rest.slice(1));
  return port === undefined ? undefined : { name, port };
};

/**
 * Whether the server answers a request with this Host header: an address, `localhost`, or one of
 * `names` (those the server was told to listen on by name, e.g. `--host laptop.local`). A name
 * that happens to resolve here does not count: that is exactly what a rebinding domain does.
 */
export const hostAllowed = (header: string | undefined, names: readonly string[] = []): boolean => {
  const host = parseHost(header);
  if (!host) return false;
  if (isIPv4(host.name) || isIPv6(host.name) || host.name === 'localhost') return true;
  return names.some((n) => n.toLowerCase() === host.name);
};

/** The names a server bound to `host` answers besides addresses: the host itself, if a name. */
export const boundNames = (host: string): string[] =>
  isIPv4(host) || isIPv6(host) || host === 'localhost' ? [] : [host.toLowerCase()];

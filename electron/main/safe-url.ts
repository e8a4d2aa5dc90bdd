// URL checks for everything that leaves the app window. Links come from peers' statements, which
// nobody here vouches for, so only plain web links to a named public host reach the browser.

const maxLength = 2048;

// Controls, spaces, soft hyphens, zero-width and bidi marks, backslashes: they make a URL read
// differently from where it goes.
const deceptive =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\\]/u;

const label = '(?!-)[a-z0-9-]{1,63}(?<!-)';
// Lowercase ASCII names ending in a letter-only top-level label: no IP literal, no single label.
const publicHostname = new RegExp(`^(?:${label}\\.)+[a-z]{2,63}$`);
const localSuffixes = ['localhost', 'local', 'internal', 'arpa', 'lan', 'home'];

const parse = (raw: string): URL | undefined => (URL.canParse(raw) ? new URL(raw) : undefined);

/** True when `raw` is a link the system browser may open: http(s), no credentials, a public name. */
export const isSafeExternalUrl = (raw: string): boolean => {
  if (raw.length === 0 || raw.length > maxLength || deceptive.test(raw)) return false;
  const url = parse(raw);
  if (url === undefined) return false;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username !== '' || url.password !== '') return false;
  // The link must read as it goes: no parser normalisation (fullwidth letters, missing or extra
  // slashes) may have produced the host.
  if (!raw.toLowerCase().startsWith(`${url.protocol}//${url.host}`)) return false;
  const host = url.hostname;
  if (!publicHostname.test(host)) return false;
  // Punycode labels are how look-alike names (homographs) appear once parsed.
  if (host.split('.').some((part) => part.startsWith('xn--'))) return false;
  return !localSuffixes.includes(host.slice(host.lastIndexOf('.') + 1));
};

/** True when navigating to `target` stays on the app's own page, `appUrl`. */
export const isAppNavigation = (target: string, appUrl: string): boolean => {
  const to = parse(target);
  const app = parse(appUrl);
  if (to === undefined || app === undefined) return false;
  // Every file: URL has the opaque origin "null", so for a file page only the same file counts.
  if (app.protocol === 'file:') return to.protocol === 'file:' && to.pathname === app.pathname;
  return to.origin === app.origin;
};

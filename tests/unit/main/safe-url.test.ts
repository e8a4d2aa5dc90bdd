import { describe, expect, it } from 'vitest';
import { isAppNavigation, isSafeExternalUrl } from '../../../electron/main/safe-url';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://example.com',
    'https://example.com/path?q=1#frag',
    'http://example.org/',
    'https://sub.domain.example.co.uk:8443/a',
    'HTTPS://EXAMPLE.COM/',
  ])('accepts the web link %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['not a URL', 'example.com'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in caps', 'JaVaScRiPt:alert(1)'],
    ['javascript: behind a tab', 'java\tscript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://example.com/uuid'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['ftp:', 'ftp://example.com/file'],
    ['custom scheme', 'steward://open?repo=x'],
    ['mailto:', 'mailto:a@example.com'],
    ['smb share', 'smb://example.com/share'],
    ['user and password', 'https://user:pass@example.com/'],
    ['user only', 'https://user@example.com/'],
    ['credentials posing as host', 'https://example.com@evil.example/'],
    ['backslash trick', 'https:\\\\evil.example\\path'],
    ['leading space', ' https://example.com'],
    ['trailing newline', 'https://example.com\n'],
    ['embedded newline', 'https://exa\nmple.com'],
    ['NUL byte', 'https://example.com/\u0000'],
    ['right-to-left override', 'https://example.com/\u202egnp.exe'],
    ['zero-width space in host', 'https://exam\u200bple.com'],
    ['soft hyphen in host', 'https://exam\u00adple.com'],
    ['Cyrillic look-alike host', 'https://\u0430pple.com'],
    ['punycode host', 'https://xn--pple-43d.com'],
    ['fullwidth host', 'https://\uff45xample.com'],
    ['fullwidth dot in host', 'https://example\uff0ecom'],
    ['scheme without slashes', 'https:example.com'],
    ['scheme with one slash', 'https:/example.com'],
    ['scheme with three slashes', 'https:///example.com'],
    ['IPv4 literal', 'http://127.0.0.1:8080/'],
    ['IPv4 in hex', 'http://0x7f000001/'],
    ['IPv4 shortened', 'http://127.1/'],
    ['IPv6 literal', 'http://[::1]/'],
    ['localhost', 'http://localhost:3000/'],
    ['localhost subdomain', 'http://app.localhost/'],
    ['mDNS name', 'http://printer.local/'],
    ['single-label host', 'http://intranet/'],
    ['reverse-DNS name', 'http://1.0.0.127.in-addr.arpa/'],
    ['trailing-dot host', 'https://example.com./'],
    ['too long', `https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isAppNavigation', () => {
  const page = 'file:///opt/steward/out/renderer/index.html';

  it.each([
    ['the page itself', page],
    ['the page with a fragment', `${page}#/proposals`],
    ['the page with a query', `${page}?view=models`],
  ])('stays on %s', (_name, target) => {
    expect(isAppNavigation(target, page)).toBe(true);
  });

  it.each([
    ['another local file', 'file:///etc/passwd'],
    ['a sibling file', 'file:///opt/steward/out/renderer/other.html'],
    ['a web page', 'https://example.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['garbage', 'not a url'],
  ])('leaves for %s', (_name, target) => {
    expect(isAppNavigation(target, page)).toBe(false);
  });

  it('compares origins when the app is served over http', () => {
    const served = 'http://127.0.0.1:5173/';
    expect(isAppNavigation('http://127.0.0.1:5173/models', served)).toBe(true);
    expect(isAppNavigation('http://127.0.0.1:5174/', served)).toBe(false);
    expect(isAppNavigation('https://127.0.0.1:5173/', served)).toBe(false);
  });
});

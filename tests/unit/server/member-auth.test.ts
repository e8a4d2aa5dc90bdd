import { describe, expect, it } from 'vitest';
import { clientOf } from '../../../electron/core/server/client-address';
import { requestOrigin } from '../../../electron/core/server/member-auth';

describe('requestOrigin', () => {
  const v4 = { localAddress: '127.0.0.1', localPort: 8080 };
  const mapped = { localAddress: '::ffff:127.0.0.1', localPort: 8080 };
  const v6 = { localAddress: '::1', localPort: 8080 };
  const lan = { localAddress: '192.168.1.20', localPort: 80 };

  const named: [string, string, typeof v4, string][] = [
    ['an address', '127.0.0.1:8080', v4, 'http://127.0.0.1:8080'],
    ['an address on a dual-stack socket', '127.0.0.1:8080', mapped, 'http://127.0.0.1:8080'],
    ['localhost', 'localhost:8080', v4, 'http://localhost:8080'],
    ['localhost in capitals', 'LOCALHOST:8080', mapped, 'http://localhost:8080'],
    ['localhost over IPv6', 'localhost:8080', v6, 'http://localhost:8080'],
    ['an IPv6 address', '[::1]:8080', v6, 'http://[::1]:8080'],
    ['an IPv6 address written long', '[0:0:0:0:0:0:0:1]:8080', v6, 'http://[::1]:8080'],
    ['the default port, left out', '192.168.1.20', lan, 'http://192.168.1.20'],
    ['the default port, given', '192.168.1.20:80', lan, 'http://192.168.1.20'],
    ['a name the server was bound to', 'laptop.local', lan, 'http://laptop.local'],
  ];
  it.each(named)('takes %s', (_, host, socket, origin) => {
    expect(requestOrigin(host, socket)).toEqual({ ok: true, origin });
  });

  const hostile: [string, string | undefined, typeof v4][] = [
    ['another port (a relay on this machine)', '127.0.0.1:9090', v4],
    ['localhost at another port', 'localhost:9090', v4],
    ['the default port on a server at another', '127.0.0.1', v4],
    ['another address (a relay elsewhere)', '10.0.0.5:8080', v4],
    ['another loopback address', '127.0.0.2:8080', v4],
    ['an IPv4 address on an IPv6 connection', '127.0.0.1:8080', v6],
    ['an IPv6 address on an IPv4 connection', '[::1]:8080', v4],
    ['localhost on a network address', 'localhost', lan],
    ['a subdomain of localhost on a network address', 'x.localhost', lan],
    ['no Host', undefined, v4],
    ['userinfo', 'evil@127.0.0.1:8080', v4],
    ['a path', '127.0.0.1:8080/x', v4],
    ['two ports', '127.0.0.1:8080:8080', v4],
  ];
  it.each(hostile)('refuses %s', (_, host, socket) => {
    expect(requestOrigin(host, socket)).toMatchObject({ ok: false });
  });

  it('names the origin it refuses', () => {
    expect(requestOrigin('127.0.0.1:9090', v4)).toEqual({
      ok: false,
      reason: 'http://127.0.0.1:9090 is not this server',
    });
  });
});

describe('clientOf', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:aaaa::1', '2001:0db8:0001:0002::/64'],
    ['2001:db8:1:2:bbbb:cccc:dddd:eeee', '2001:0db8:0001:0002::/64'],
    ['2001:db8::1', '2001:0db8:0000:0000::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
    [undefined, 'unknown'],
  ])('counts %s as %s', (address, client) => {
    expect(clientOf(address)).toBe(client);
  });
});

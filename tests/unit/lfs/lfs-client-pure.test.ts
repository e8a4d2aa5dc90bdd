/**
 * The LFS client's pure checks: where an endpoint is (git-lfs's rule), a batch answer read as
 * hostile (shape, echoed oids, sizes, links, headers: framing and hop-by-hop ones dropped), and
 * the layout's paths.
 */
import { describe, expect, it } from 'vitest';
import { checkAction, readAnswer, serverOf } from '../../../electron/core/lfs/batch';
import { objectPath } from '../../../electron/core/lfs/layout';
import { Refused } from '../../../electron/core/lfs/refusal';
import { lfsEndpoint } from '../../../electron/core/lfs/sources';
import type { LfsOperation } from '../../../electron/core/lfs/types';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const asked = [
  { oid: A, size: 10 },
  { oid: B, size: 20 },
];
const known = new Map<string, number | undefined>([
  [A, 10],
  [B, undefined],
]);
const read = (body: unknown, operation: LfsOperation = 'download') =>
  readAnswer(
    Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    asked,
    known,
    operation,
  );
const download = (href: string, header?: unknown) => ({ download: { href, header } });

describe('lfsEndpoint', () => {
  it.each([
    ['https://forge.example/group/models.git', 'https://forge.example/group/models.git/info/lfs'],
    ['https://forge.example/group/models.git/', 'https://forge.example/group/models.git/info/lfs'],
    ['https://forge.example/group/models', 'https://forge.example/group/models.git/info/lfs'],
    ['http://127.0.0.1:8080/group', 'http://127.0.0.1:8080/group.git/info/lfs'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/info/lfs'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/info/lfs'],
  ])('%s → %s', (url, endpoint) => expect(lfsEndpoint(url)).toBe(endpoint));

  it('finds the challenge address of a peer from its endpoint', () => {
    expect(serverOf('http://127.0.0.1:8080/info/lfs')).toBe('http://127.0.0.1:8080');
    expect(serverOf('http://127.0.0.1:8080/group.git/info/lfs')).toBe(
      'http://127.0.0.1:8080/group',
    );
  });
});

describe('readAnswer', () => {
  it('takes a well-formed answer, with each size checked against the record', () => {
    const answer = read({
      transfer: 'basic',
      objects: [
        { oid: A, size: 10, actions: download('https://cdn.example/a', { 'X-Token': 't' }) },
        { oid: B, size: 20, actions: download('http://127.0.0.1:1/b') },
      ],
    });
    expect(answer.get(A)).toEqual({
      size: 10,
      actions: { download: { href: 'https://cdn.example/a', header: { 'X-Token': 't' } } },
    });
    expect(answer.get(B)).toMatchObject({ size: 20 });
  });

  it.each([
    ['not JSON', '{"objects": [', /not JSON/],
    ['no objects', { nothing: true }, /without a list of objects/],
    ['objects not a list', { objects: {} }, /without a list of objects/],
    ['another transfer', { transfer: 'tus', objects: [] }, /other than basic/],
    ['a JSON null', 'null', /without a list of objects/],
  ])('refuses an answer with %s', (_what, body, reason) => {
    expect(() => read(body)).toThrow(Refused);
    expect(() => read(body)).toThrow(reason);
  });

  const one = (o: Record<string, unknown>) => read({ objects: [{ oid: A, ...o }] }).get(A);
  it.each([
    ['a wrong size', { size: 11, actions: download('https://x/a') }, /size of 11 bytes/],
    ['a negative size', { size: -1, actions: download('https://x/a') }, /valid size/],
    ['a size that is a string', { size: '10', actions: download('https://x/a') }, /valid size/],
    ['no link', { size: 10 }, /no download link/],
    ['a file: link', { size: 10, actions: download('file:///etc/passwd') }, /file:, not http/],
    ['a javascript: link', { size: 10, actions: download('javascript:alert(1)') }, /not http/],
    ['a link that is no URL', { size: 10, actions: download('not a url') }, /not a URL/],
    ['a link that is a number', { size: 10, actions: { download: { href: 7 } } }, /without a link/],
    [
      'a header with a newline',
      { size: 10, actions: download('https://x/a', { 'X-A': 'ok\r\nHost: evil' }) },
      /plain header/,
    ],
    [
      'a header name with a space',
      { size: 10, actions: download('https://x/a', { 'X A': 'ok' }) },
      /plain header/,
    ],
    [
      'headers that are a list',
      { size: 10, actions: download('https://x/a', ['a']) },
      /not an object/,
    ],
    [
      'an error',
      { size: 10, error: { code: 404, message: 'gone\u0000\u001b[31m' } },
      /LFS error 404: gone/,
    ],
  ])('refuses one object with %s, and only it', (_what, object, reason) => {
    const got = one(object);
    expect(got).toBeInstanceOf(Refused);
    expect((got as Refused).reason).toMatch(reason);
    expect([...(got as Refused).reason].every((c) => c >= ' ')).toBe(true);
  });

  it('refuses an object it was not asked about, and one it did not answer', () => {
    const answer = read({
      objects: [{ oid: 'c'.repeat(64), size: 1, actions: download('https://x/c') }],
    });
    expect(answer.has('c'.repeat(64))).toBe(false);
    expect((answer.get(A) as Refused).reason).toMatch(/did not answer/);
    expect((answer.get(B) as Refused).reason).toMatch(/did not answer/);
  });

  it('takes an upload answer with no actions as already there', () => {
    expect(read({ objects: [{ oid: A, size: 10 }] }, 'upload').get(A)).toEqual({
      size: 10,
      actions: {},
    });
  });
});

describe('checkAction', () => {
  it('drops framing, hop-by-hop and cookie headers a server names, and keeps the rest', () => {
    const header = {
      Host: 'evil.example',
      cookie: 'session=stolen',
      Connection: 'close, Authorization',
      'Transfer-Encoding': 'chunked',
      'Content-Length': '0',
      'Keep-Alive': 'timeout=999',
      Upgrade: 'websocket',
      TE: 'trailers',
      Trailer: 'X-Evil',
      'Proxy-Authorization': 'Basic eA==',
      Expect: '100-continue',
      Authorization: 'RemoteAuth abc',
      'X-Test': 'yes',
    };
    expect(checkAction({ href: 'https://x.example/o', header }, 'download').header).toEqual({
      Authorization: 'RemoteAuth abc',
      'X-Test': 'yes',
    });
  });
});

describe('objectPath', () => {
  it('names objects as git-lfs does, and nothing that is not an oid', () => {
    expect(objectPath('/s/lfs/objects', A)).toBe(`/s/lfs/objects/aa/aa/${A}`);
    expect(() => objectPath('/s', '../../etc/passwd')).toThrow();
    expect(() => objectPath('/s', A.toUpperCase())).toThrow();
  });
});

/** The LFS server's pure checks, against lists of hostile inputs. */
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../../electron/core/lfs/server/wire';
import { rangeOf } from '../../../electron/core/lfs/server/send';
import { Tokens, TOKEN_LIFETIME_S } from '../../../electron/core/lfs/server/tokens';
import { withoutPrefix } from '../../../electron/core/server/path-prefix';
import { HttpError } from '../../../electron/core/server/http';

const OID = 'ab'.repeat(32);

describe('withoutPrefix', () => {
  it.each([
    ['/group/info/refs', '/info/refs'],
    ['/group.git/info/lfs/objects/batch', '/info/lfs/objects/batch'],
    ['/.git/info/lfs/locks/verify', '/info/lfs/locks/verify'],
    ['/a_b-c.9/auth/challenge', '/auth/challenge'],
    ['/group', undefined],
    ['/', undefined],
    ['/gr%2Foup/info/refs', undefined],
    ['/gr oup/info/refs', undefined],
    ['/../info/refs', undefined],
    ['/./info/refs', undefined],
  ])('%s gives %s', (path, rest) => {
    expect(withoutPrefix(path)).toBe(rest);
  });
});

describe('rangeOf', () => {
  it.each([
    [undefined, 10, undefined],
    ['bytes=0-', 10, { start: 0, end: 9 }],
    ['bytes=4-', 10, { start: 4, end: 9 }],
    ['bytes=4-6', 10, { start: 4, end: 6 }],
    ['bytes=4-600', 10, { start: 4, end: 9 }],
  ])('%s of %d bytes is %j', (header, size, range) => {
    expect(rangeOf(header, size)).toEqual(range);
  });
  it.each([
    'bytes=10-',
    'bytes=6-4',
    'bytes=-4',
    'bytes=0-1,3-4',
    'items=0-',
    'bytes=1e3-',
    'bytes=9999999999999999-',
    '',
  ])('refuses %j with 416', (header) => {
    expect(() => rangeOf(header, 10)).toThrow(
      expect.objectContaining({ status: 416, headers: { 'Content-Range': 'bytes */10' } }),
    );
  });
});

describe('parseBatch', () => {
  const ok = { operation: 'download', objects: [{ oid: OID, size: 3 }] };
  it('keeps what it knows, drops what it does not', () => {
    expect(
      parseBatch({ ...ok, transfers: ['basic'], ref: { name: 'refs/heads/main' }, x: 1 }),
    ).toEqual({
      ...ok,
      transfers: ['basic'],
      ref: { name: 'refs/heads/main' },
      hash_algo: 'sha256',
    });
    expect(parseBatch({ ...ok, ref: null, transfers: null, hash_algo: 'sha256' })).toEqual({
      ...ok,
      hash_algo: 'sha256',
    });
  });
  it.each([
    ['null', null, 422],
    ['a string', 'download', 422],
    ['no operation', { objects: [] }, 422],
    ['operation in capitals', { operation: 'DOWNLOAD', objects: [] }, 422],
    ['objects missing', { operation: 'upload' }, 422],
    ['an object that is null', { operation: 'upload', objects: [null] }, 422],
    ['oid missing', { operation: 'upload', objects: [{ size: 1 }] }, 422],
    ['oid a number', { operation: 'upload', objects: [{ oid: 1, size: 1 }] }, 422],
    ['oid with a newline', { operation: 'upload', objects: [{ oid: `${OID}\n`, size: 1 }] }, 422],
    ['size missing', { operation: 'upload', objects: [{ oid: OID }] }, 422],
    ['size NaN-like', { operation: 'upload', objects: [{ oid: OID, size: 'NaN' }] }, 422],
    ['size infinite', { operation: 'upload', objects: [{ oid: OID, size: Infinity }] }, 422],
    ['transfers not strings', { ...ok, transfers: [1] }, 422],
    ['ref without a name', { ...ok, ref: {} }, 422],
    ['hash_algo sha1', { ...ok, hash_algo: 'sha1' }, 422],
    ['10,001 objects', { operation: 'download', objects: Array(10_001).fill(ok.objects[0]) }, 413],
  ])('refuses %s', (_name, json, status) => {
    let thrown: unknown;
    try {
      parseBatch(json);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect((thrown as HttpError).status).toBe(status);
  });
});

describe('Tokens', () => {
  const grant = { member: 'm', operation: 'upload' as const, oid: OID, size: 3 };
  it('binds a token to its operation and object, and lets it expire', () => {
    let now = 0;
    const tokens = new Tokens(() => now);
    const { header, expiresIn } = tokens.issue(grant);
    expect(expiresIn).toBe(TOKEN_LIFETIME_S);
    expect(tokens.check(header, 'download', OID)).toMatchObject({ ok: false });
    expect(tokens.check(header, 'upload', 'cd'.repeat(32))).toMatchObject({ ok: false });
    expect(tokens.check(header.replace(/.$/, '_'), 'upload', OID)).toMatchObject({ ok: false });
    expect(tokens.check(`Basic ${header.slice(7)}`, 'upload', OID)).toMatchObject({ ok: false });
    now = TOKEN_LIFETIME_S * 1000;
    expect(tokens.check(header, 'upload', OID)).toEqual({
      ok: false,
      reason: 'the transfer token has expired',
    });
  });
  it('gives an upload token to one upload at a time, back after a failure, never after success', () => {
    const tokens = new Tokens();
    const { header } = tokens.issue(grant);
    const first = tokens.check(header, 'upload', OID);
    if (!first.ok) throw new Error(first.reason);
    expect(tokens.check(header, 'upload', OID)).toMatchObject({ ok: false, reason: /in use/ });
    first.release(false);
    const second = tokens.check(header, 'upload', OID);
    if (!second.ok) throw new Error(second.reason);
    second.release(true);
    expect(tokens.check(header, 'upload', OID)).toMatchObject({
      ok: false,
      reason: /already used/,
    });
  });
  it('lets a download token serve many requests', () => {
    const tokens = new Tokens();
    const { header } = tokens.issue({ ...grant, operation: 'download' });
    for (let i = 0; i < 3; i++) expect(tokens.check(header, 'download', OID).ok).toBe(true);
  });
});

/**
 * OpenSSF Model Signing, `key` method, against the reference implementation's own test vectors
 * (tests/fixtures/oms-vectors, copied unchanged): each verifies with the publisher key as the upstream
 * command does, and every tampered copy (a byte changed, a file added or removed, another key, a
 * signature from another folder) does not.
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  posixPathOrder,
  publisherKey,
  rootDigest,
  verifyModelSignature,
} from '../../electron/core/models/oms';

// The reference's vectors, copied unchanged (tests/fixtures/oms-vectors/README.md says from where).
const VECTORS = resolve(import.meta.dirname, '../fixtures/oms-vectors');
const KEY = readFileSync(join(VECTORS, 'keys/signing-key-pub.pem'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'steward-oms-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The upstream command for each vector: the model path and its --ignore-paths. */
const vectors = [
  { name: 'v1.0.0-elliptic-key', model: 'signme-1', ignore: [] as string[] },
  { name: 'v1.0.1-elliptic-key', model: '.', ignore: ['ignore-me'] },
  { name: 'v1.1.0-elliptic-key', model: '.', ignore: ['ignore-me'] },
];

let copies = 0;
const copyOf = (name: string): string => {
  const dir = join(work, `${copies++}-${name}`);
  cpSync(join(VECTORS, name), dir, { recursive: true });
  return dir;
};

const check = (dir: string, v: (typeof vectors)[number], key = KEY) =>
  verifyModelSignature({
    model: join(dir, v.model),
    publicKeyPem: key,
    signature: join(dir, 'model.sig'),
    ignorePaths: v.ignore,
  });

describe('OMS signatures: the reference vectors', () => {
  it.each(vectors)('verifies $name with the publisher key', async (v) => {
    const result = await check(join(VECTORS, v.name), v);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    // The key's fingerprint: SHA-256 of its DER SubjectPublicKeyInfo (openssl pkey -outform DER).
    expect(result.publisherKey).toBe(
      'c1e49d63327f85c7e2971aefd30b5a0d1c6b9b5e1a892e7f5fba995adace816d',
    );
    expect(result.root).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(vectors)('refuses $name with a byte of a signed file changed', async (v) => {
    const dir = copyOf(v.name);
    const file = join(dir, 'signme-1');
    const bytes = readFileSync(file);
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(file, bytes);
    const result = await check(dir, v);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/signme-1 changed since it was signed/);
  });

  it.each(vectors.filter((v) => v.model === '.'))('refuses $name with a file added', async (v) => {
    const dir = copyOf(v.name);
    writeFileSync(join(dir, 'extra.onnx'), 'not signed');
    const result = await check(dir, v);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('extra.onnx is not in the signature (a file added)');
  });

  it.each(vectors.filter((v) => v.model === '.'))(
    'refuses $name with a file removed',
    async (v) => {
      const dir = copyOf(v.name);
      unlinkSync(join(dir, 'signme-2'));
      const result = await check(dir, v);
      expect(result.ok).toBe(false);
      expect(result.problems).toContain('signme-2 is signed but missing');
    },
  );

  it('refuses the ignored file when it is not ignored', async () => {
    const v = vectors[2]!;
    // v1.1.0 names ignore-me in its own ignore_paths: it stays out even unasked.
    expect((await check(join(VECTORS, v.name), { ...v, ignore: [] })).ok).toBe(true);
    const old = vectors[1]!;
    const result = await check(join(VECTORS, old.name), { ...old, ignore: [] });
    expect(result.problems).toContain('ignore-me is not in the signature (a file added)');
  });

  it.each(vectors)('refuses $name under another P-384 key', async (v) => {
    const other = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const pem = other.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const result = await check(join(VECTORS, v.name), v, pem);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['the signature does not verify with this key']);
  });

  it('refuses a signature moved to another signed folder', async () => {
    const dir = copyOf('v1.0.1-elliptic-key');
    cpSync(join(VECTORS, 'v1.0.0-elliptic-key/model.sig'), join(dir, 'model.sig'));
    const result = await check(dir, vectors[1]!);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('. is signed but missing');
  });

  it.each([
    ['not JSON', 'garbage'],
    ['no envelope', '{}'],
    ['another payload type', JSON.stringify({ dsseEnvelope: { payloadType: 'text/plain' } })],
    [
      'a payload that is not base64',
      JSON.stringify({
        dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: '%%' },
      }),
    ],
    [
      'no signatures',
      JSON.stringify({
        dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: 'e30=' },
      }),
    ],
  ])('refuses a model.sig with %s, naming the problem', async (_, text) => {
    const dir = copyOf('v1.1.0-elliptic-key');
    writeFileSync(join(dir, 'model.sig'), text);
    const result = await check(dir, vectors[2]!);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/^model\.sig: /);
  });

  it('refuses a symbolic link in a folder whose signature does not allow them', async () => {
    const dir = copyOf('v1.1.0-elliptic-key');
    symlinkSync('signme-1', join(dir, 'link'));
    await expect(check(dir, vectors[2]!)).rejects.toThrow(/link is a symbolic link/);
  });

  it.each([
    ['an Ed25519 key', generateKeyPairSync('ed25519').publicKey],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey],
    ['a P-256K key', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey],
  ])('refuses %s as a publisher key', (_, key) => {
    const pem = key.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => publisherKey(pem)).toThrow(/P-256, P-384 or P-521/);
  });
});

describe('the OMS root digest', () => {
  it('orders paths component by component, as PurePosixPath does, not as strings', () => {
    // As strings "a-b" < "a/b" ("-" is 0x2d, "/" 0x2f); as paths ("a", "b") < ("a-b",).
    expect(['a-b', 'a/b', 'a'].sort(posixPathOrder)).toEqual(['a', 'a/b', 'a-b']);
    const files = [
      { path: 'a-b', sha256: '1'.repeat(64) },
      { path: 'a/b', sha256: '2'.repeat(64) },
    ];
    expect(rootDigest(files)).toBe(rootDigest([...files].reverse()));
    expect(rootDigest(files)).not.toBe(
      rootDigest(files.map((f, i) => ({ ...f, path: i ? 'a-c' : 'a-b' }))),
    );
  });
});

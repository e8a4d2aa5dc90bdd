/**
 * OpenSSF Model Signing (OMS), `key` method: checks a model folder's `model.sig` (a Sigstore
 * bundle holding a DSSE envelope whose payload is an in-toto Statement v1 with predicate type
 * `https://model_signing/signature/v1.0`) against a publisher's elliptic-curve public key, as the
 * reference implementation (sigstore/model-transparency, `model_signing verify key`) does:
 * the signature over DSSE's PAE, then every file of the folder against the signed digests, then
 * the root digest. The result says what failed; it never throws for a folder that does not match.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { StewardError } from '../../../shared/errors';
import { hashFile } from './model-files';
import { listOmsFiles } from './oms-files';
import { parseOmsBundle, type OmsStatement } from './oms-bundle';

/** Paths the reference implementation leaves out of every signature by default. */
const DEFAULT_IGNORED = ['.git', '.gitattributes', '.gitignore', '.github'];

export type OmsResult = {
  ok: boolean;
  /** Hex SHA-256 of the publisher key's DER SubjectPublicKeyInfo. */
  publisherKey: string;
  /** The signed root digest of the files (the statement's subject), when the bundle reads. */
  root?: string;
  /** The files as signed, in the order the root digest is computed over. */
  files: { path: string; sha256: string }[];
  /** Why it does not verify: each problem found, not only the first. */
  problems: string[];
};

const CURVE_HASH: Record<string, string> = {
  prime256v1: 'sha256',
  secp384r1: 'sha384',
  secp521r1: 'sha512',
};

/** A publisher key: an EC public key on P-256, P-384 or P-521, in PEM. */
export const publisherKey = (pem: string): { key: KeyObject; hash: string; id: string } => {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new StewardError('invalid-argument', `not a public key in PEM: ${String(error)}`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  const hash = key.asymmetricKeyType === 'ec' ? CURVE_HASH[curve] : undefined;
  if (!hash)
    throw new StewardError(
      'invalid-argument',
      `the publisher key must be ECDSA P-256, P-384 or P-521 (it is ${key.asymmetricKeyType ?? '?'} ${curve})`,
    );
  const der = key.export({ type: 'spki', format: 'der' });
  return { key, hash, id: createHash('sha256').update(der).digest('hex') };
};

/** DSSE's pre-authentication encoding: what the signature is made over. */
export const pae = (payloadType: string, payload: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(`DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${payload.length} `),
    payload,
  ]);

/** Python's PurePosixPath order: component by component, each compared by code point. */
export const posixPathOrder = (a: string, b: string): number => {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = codePointOrder(x[i]!, y[i]!);
    if (c !== 0) return c;
  }
  return x.length - y.length;
};

const codePointOrder = (a: string, b: string): number => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/** The root digest OMS signs: SHA-256 over the files' raw digests, in path order. */
export const rootDigest = (files: { path: string; sha256: string }[]): string => {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => posixPathOrder(a.path, b.path)))
    hash.update(Buffer.from(f.sha256, 'hex'));
  return hash.digest('hex');
};

export const verifyModelSignature = async (options: {
  /** The model: a folder, or a single file signed alone. */
  model: string;
  publicKeyPem: string;
  /** Default: `model.sig` in the folder. */
  signature?: string;
  /** Further paths left out, relative to the model folder (the reference's `--ignore-paths`). */
  ignorePaths?: string[];
}): Promise<OmsResult> => {
  const { key, hash, id } = publisherKey(options.publicKeyPem);
  const model = resolve(options.model);
  const single = (await stat(model)).isFile();
  const folder = single ? dirname(model) : model;
  const signature = resolve(options.signature ?? join(folder, 'model.sig'));
  const result: OmsResult = { ok: false, publisherKey: id, files: [], problems: [] };
  const bundle = parseOmsBundle(await readFile(signature));
  if (!bundle.ok) return { ...result, problems: [bundle.problem] };
  const { envelope, statement } = bundle;
  const signed = pae(envelope.payloadType, envelope.payload);
  const good = envelope.signatures.some((s) =>
    verify(hash, signed, { key, dsaEncoding: 'der' }, s),
  );
  if (!good) return { ...result, problems: ['the signature does not verify with this key'] };
  result.root = statement.root;
  result.files = statement.files;
  const problems = result.problems;
  if (rootDigest(statement.files) !== statement.root)
    problems.push('the signed root digest is not the digest of the signed files');
  const local = single
    ? [{ path: '.', file: model }]
    : await localFiles(folder, signature, statement, options.ignorePaths ?? []);
  const want = new Map(statement.files.map((f) => [f.path, f.sha256]));
  for (const f of local) {
    const expected = want.get(f.path);
    if (expected === undefined) {
      problems.push(`${f.path} is not in the signature (a file added)`);
      continue;
    }
    want.delete(f.path);
    // A model signed as one file is the resource ".": name the file instead.
    const name = f.path === '.' ? basename(f.file) : f.path;
    if ((await hashFile(f.file)) !== expected) problems.push(`${name} changed since it was signed`);
  }
  for (const path of want.keys()) problems.push(`${path} is signed but missing`);
  result.ok = problems.length === 0;
  return result;
};

const localFiles = async (
  folder: string,
  signature: string,
  statement: OmsStatement,
  extra: string[],
): Promise<{ path: string; file: string }[]> => {
  const ignored = [...DEFAULT_IGNORED, ...statement.ignorePaths, ...extra.map(posix)];
  const sig = relative(folder, signature);
  if (!sig.startsWith('..')) ignored.push(posix(sig));
  const out = await listOmsFiles(folder, statement.allowSymlinks);
  return out
    .filter((p) => !ignored.some((i) => p === i || p.startsWith(`${i}/`)))
    .map((p) => ({ path: p, file: join(folder, p) }));
};

const posix = (path: string): string =>
  path.split(sep).join('/').replace(/^\.\//, '').replace(/\/$/, '') || basename(path);

/**
 * Stage one of verification: everything that can be checked from one file alone — its place,
 * size, JSON, schema, signature and canonical form. What needs the whole ledger (membership, keys
 * in force, the charter's rules) is stage two, in `derive`.
 */
import { fromBase64Url, toHex, utf8 } from '../encoding';
import { canonicalJson } from '../canonical';
import { renderEnvelope } from './envelope';
import { FORMAT, isProposalKind, statementTypes, type StatementType } from './kinds';
import { classifyPath, hostilePathReason } from './paths';
import type { CharterStatement, Envelope, ModelFile, PublicKey, Statement } from './types';
import { checkChange } from '../charter';
import { schemaProblem } from './validate';
import type { QuarantineReason } from './reasons';
import { loneSurrogateAt } from './i-json';
import { weakKeyProblem } from '../ed25519-strict';

export type CryptoProvider = {
  sha256: (bytes: Uint8Array) => Uint8Array;
  verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;
};

/**
 * A file as read from a git tree: its mode (`100644`, `120000`, ...), size and content, or the
 * problem the reader already found with its entry (a duplicate name, a missing object).
 */
export type RepoFile = {
  path: string;
  mode: string;
  size: number;
  bytes?: Uint8Array;
  problem?: { reason: QuarantineReason; detail: string };
};

export type CheckedStatement = {
  ok: true;
  path: string;
  id: string;
  statement: Statement;
  signers: PublicKey[];
};

export type Quarantined = {
  ok: false;
  path: string;
  reason: QuarantineReason;
  detail: string;
  id?: string;
  type?: StatementType;
  proposal?: string;
  author?: string;
};

export type CheckResult = CheckedStatement | Quarantined | { ok: 'readme'; path: string };

export const MAX_FILE_BYTES = 256 * 1024;

export const memberIdOf = (crypto: CryptoProvider, key: PublicKey): string =>
  toHex(crypto.sha256(fromBase64Url(key)));

// ignoreBOM keeps a byte-order mark in the text, where JSON.parse refuses it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Timestamps must be real instants written exactly as toISOString writes them. */
const realInstant = (text: unknown): boolean =>
  typeof text === 'string' &&
  !Number.isNaN(Date.parse(text)) &&
  new Date(Date.parse(text)).toISOString() === text;

/** Evidence lists its files in one order, so that one evaluation has one text: by path, once. */
export const filesOrderProblem = (files: readonly ModelFile[]): string | undefined => {
  for (let i = 1; i < files.length; i++) {
    const [a, b] = [files[i - 1]!.path, files[i]!.path];
    if (a === b) return `/statement/files names ${a} twice`;
    if (a > b) return `/statement/files is not sorted by path (${b} after ${a})`;
  }
  return undefined;
};

export const checkFile = (file: RepoFile, crypto: CryptoProvider): CheckResult => {
  const q = (
    reason: QuarantineReason,
    detail: string,
    extra: Partial<Quarantined> = {},
  ): Quarantined => ({
    ok: false,
    path: file.path,
    reason,
    detail,
    ...extra,
  });
  const place = classifyPath(file.path);
  if (file.problem) return q(file.problem.reason, file.problem.detail);
  if (place.kind === 'bad-path')
    return q('bad-path', `a path component is hostile: ${hostilePathReason(file.path) ?? '?'}`);
  if (file.mode === '120000') return q('symlink', 'symbolic links are never statements');
  if (file.mode === '160000') return q('unexpected-file', 'submodules are never statements');
  if (place.kind === 'unexpected-file')
    return q('unexpected-file', 'no statement may be at this path');
  if (file.size > MAX_FILE_BYTES)
    return q('oversized', `${file.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
  if (place.kind === 'readme') return { ok: 'readme', path: file.path };
  if (!file.bytes) return q('malformed-json', 'no content');

  let value: unknown;
  let text: string;
  try {
    text = strictUtf8.decode(file.bytes);
    value = JSON.parse(text);
  } catch (error) {
    return q('malformed-json', error instanceof Error ? error.message : 'not JSON');
  }
  const statement = (value as { statement?: Record<string, unknown> } | null)?.statement;
  const type = statement?.type;
  const known = {
    type: typeof type === 'string' ? (type as StatementType) : undefined,
    proposal: typeof statement?.proposal === 'string' ? statement.proposal : undefined,
    author: typeof statement?.author === 'string' ? statement.author : undefined,
  };
  const surrogate = loneSurrogateAt(value);
  if (surrogate !== undefined)
    return q('not-i-json', `the text at ${surrogate} holds a lone surrogate`, known);
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement))
    return q('schema-violation', 'no statement object');
  if (statement.format !== FORMAT)
    return q(
      'unknown-format',
      `format ${JSON.stringify(statement.format)} is not ${FORMAT}`,
      known,
    );
  if (!statementTypes.includes(type as StatementType))
    return q('unknown-kind', `unknown statement type ${JSON.stringify(type)}`, known);
  if (type === 'proposal' && !isProposalKind(statement.kind))
    return q('unknown-kind', `unknown proposal kind ${JSON.stringify(statement.kind)}`, known);
  const problem = schemaProblem(type as StatementType, value);
  if (problem) return q('schema-violation', problem, known);
  if (!realInstant(statement.created)) {
    return q(
      'schema-violation',
      '/statement/created is not a real UTC instant in toISOString form',
      known,
    );
  }
  if (type === 'evidence') {
    const why = filesOrderProblem(
      (value as Envelope & { statement: { files: ModelFile[] } }).statement.files,
    );
    if (why) return q('schema-violation', why, known);
  }

  const envelope = value as Envelope;
  if (place.type !== type)
    return q('misplaced', `a ${String(type)} filed where a ${place.type} belongs`, known);
  if (place.proposal !== undefined && known.proposal !== place.proposal) {
    return type === 'vote'
      ? q(
          'replayed-vote',
          `a vote on ${known.proposal} filed under proposal ${place.proposal}`,
          known,
        )
      : q(
          'misplaced',
          `a ${String(type)} on ${known.proposal} filed under proposal ${place.proposal}`,
          known,
        );
  }
  const canonical = canonicalJson(envelope.statement);
  const bytes = utf8(canonical);
  const id = toHex(crypto.sha256(bytes));
  const withId = { ...known, id };
  for (const [where, key] of keysNamed(envelope)) {
    const why = weakKeyProblem(key);
    if (why) return q('weak-key', `${where} ${key} is ${why}`, withId);
  }
  for (const s of envelope.signatures) {
    if (!crypto.verify(fromBase64Url(s.key), bytes, fromBase64Url(s.signature))) {
      return q('bad-signature', `the signature by key ${s.key} does not verify`, withId);
    }
  }
  if (place.id !== undefined && place.id !== id)
    return q('id-mismatch', `content hashes to ${id}, not the file's name`, withId);
  if (renderEnvelope(envelope, canonical) !== text)
    return q('non-canonical', 'the file is not in the one canonical layout', withId);
  if (envelope.statement.type === 'charter') {
    const why = charterProblem(envelope, crypto);
    if (why) return q('invalid-charter', why, withId);
  }
  return {
    ok: true,
    path: file.path,
    id,
    statement: envelope.statement,
    signers: envelope.signatures.map((s) => s.key),
  };
};

/**
 * Every public key a file names, where: its signers', a charter's founders', an add-member
 * proposal's and a rotation's new key. Each is a key a member could sign with.
 */
const keysNamed = (envelope: Envelope): [string, PublicKey][] => {
  const st = envelope.statement;
  const named: [string, PublicKey][] = envelope.signatures.map((s) => ['the signing key', s.key]);
  if (st.type === 'charter')
    for (const m of st.members) named.push([`founder ${m.name}'s key`, m.key]);
  if (st.type === 'proposal' && st.kind === 'add-member')
    named.push(["the new member's key", st.params.key]);
  if (st.type === 'key-rotation') named.push(['the new key', st.key]);
  return named;
};

/** A genesis charter must be signed by exactly its founders, and its rules must make sense. */
const charterProblem = (envelope: Envelope, crypto: CryptoProvider): string | undefined => {
  const charter = envelope.statement as CharterStatement;
  const founders = charter.members;
  const signed = new Set(envelope.signatures.map((s) => s.key));
  if (new Set(founders.map((m) => m.id)).size !== founders.length)
    return 'a founder is listed twice';
  for (const m of founders) {
    if (memberIdOf(crypto, m.key) !== m.id)
      return `founder ${m.name}'s id is not the hash of their key`;
    if (!signed.has(m.key)) return `founder ${m.name} did not sign the charter`;
  }
  if (signed.size !== envelope.signatures.length || signed.size !== founders.length) {
    return 'the charter carries a signature by someone who is not a founder';
  }
  for (const [kind, rule] of Object.entries(charter.rules)) {
    for (const [field, value] of Object.entries(rule)) {
      const why = checkChange({ key: `rules.${kind}.${field}`, value: value });
      if (why) return `rules of ${kind}: ${why}`;
    }
  }
  return undefined;
};

/**
 * Founding a group. The genesis charter must be signed by every founder, so with other founders a
 * draft (`charter.draft.json` in the repo folder, outside git) collects signatures first; the
 * charter is committed when the last founder signs.
 */
import { randomBytes } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultRules, type RuleDefaults } from '../../../shared/charter';
import { fromBase64Url } from '../../../shared/encoding';
import { weakKeyProblem } from '../../../shared/ed25519-strict';
import { StewardError } from '../../../shared/errors';
import { memberIdOf } from '../../../shared/format/check';
import { loneSurrogateAt } from '../../../shared/format/i-json';
import { renderEnvelope, signingBytes } from '../../../shared/format/envelope';
import type { CharterStatement, Envelope } from '../../../shared/format/types';
import { schemaProblem } from '../../../shared/format/validate';
import { nodeCrypto } from '../crypto';
import type { Signer } from '../identity/keystore';
import { Ledger } from '../ledger/ledger';
import { signStatement } from './sign';

export type FoundOptions = {
  path: string;
  name: string;
  founders: { key: string; name: string }[];
  rules: RuleDefaults;
  bare?: boolean;
  signer: Signer;
  now: Date;
};

export type FoundResult = { dir: string; group?: string; pending: { id: string; name: string }[] };

const DRAFT = 'charter.draft.json';

const pendingOf = (envelope: Envelope): { id: string; name: string }[] => {
  const st = envelope.statement as CharterStatement;
  const signed = new Set(envelope.signatures.map((s) => s.key));
  return st.members.filter((m) => !signed.has(m.key)).map(({ id, name }) => ({ id, name }));
};

const commitGenesis = async (
  ledger: Ledger,
  envelope: Envelope,
  id: string,
  signer: Signer,
): Promise<void> => {
  const st = envelope.statement as CharterStatement;
  await ledger.append(
    envelope,
    id,
    `found "${st.name}" with ${st.members.map((m) => m.name).join(', ')}`,
    signer,
  );
};

export const found = async (o: FoundOptions): Promise<FoundResult> => {
  for (const f of o.founders) {
    try {
      if (fromBase64Url(f.key).length !== 32) throw new Error('length');
    } catch {
      throw new StewardError(
        'invalid-argument',
        `"${f.key}" is not an Ed25519 public key (43 base64url characters)`,
      );
    }
    const weak = weakKeyProblem(f.key);
    if (weak) throw new StewardError('invalid-argument', `the key ${f.key} is ${weak}`);
  }
  const members = [{ key: o.signer.publicKey, name: o.signer.name }, ...o.founders].map((m) => ({
    id: memberIdOf(nodeCrypto, m.key),
    name: m.name.trim(),
    key: m.key,
  }));
  if (new Set(members.map((m) => m.id)).size !== members.length) {
    throw new StewardError(
      'invalid-argument',
      'a founder is listed twice (you are a founder already)',
    );
  }
  const statement: CharterStatement = {
    format: 'steward/1',
    type: 'charter',
    created: o.now.toISOString(),
    name: o.name.trim(),
    nonce: randomBytes(16).toString('hex'),
    members,
    rules: defaultRules(o.rules),
    requireApproval: false,
  };
  const { envelope, id } = signStatement(statement, [o.signer]);
  const problem = schemaProblem('charter', envelope);
  if (problem) throw new StewardError('invalid-argument', `the charter is invalid: ${problem}`);
  const ledger = await Ledger.init(o.path, { bare: o.bare ?? false });
  const pending = pendingOf(envelope);
  if (pending.length === 0) {
    await commitGenesis(ledger, envelope, id, o.signer);
    return { dir: ledger.dir, group: id, pending };
  }
  await writeFile(join(ledger.repo.gitdir, DRAFT), renderEnvelope(envelope));
  return { dir: ledger.dir, pending };
};

/** Adds this founder's signature to the draft; commits the charter once every founder has signed. */
export const signCharter = async (path: string, signer: Signer): Promise<FoundResult> => {
  const ledger = await Ledger.open(path);
  const draftPath = join(ledger.repo.gitdir, DRAFT);
  let envelope: Envelope;
  try {
    envelope = JSON.parse(await readFile(draftPath, 'utf8')) as Envelope;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StewardError('not-found', `no charter draft in ${ledger.dir}: nothing to sign`);
    }
    throw error;
  }
  const problem = schemaProblem('charter', envelope);
  if (problem)
    throw new StewardError('invalid-statement', `the charter draft is invalid: ${problem}`);
  const st = envelope.statement as CharterStatement;
  // What every verifier would quarantine (§10.2) is not signed: a weak key, a lone surrogate.
  const surrogate = loneSurrogateAt(envelope);
  if (surrogate !== undefined)
    throw new StewardError(
      'invalid-statement',
      `the charter draft's text at ${surrogate} holds a lone surrogate`,
    );
  for (const m of st.members) {
    const weak = weakKeyProblem(m.key);
    if (weak)
      throw new StewardError('invalid-statement', `founder ${m.name}'s key ${m.key} is ${weak}`);
  }
  const bytes = signingBytes(st);
  for (const s of envelope.signatures) {
    if (!nodeCrypto.verify(fromBase64Url(s.key), bytes, fromBase64Url(s.signature))) {
      throw new StewardError(
        'invalid-statement',
        'the charter draft carries a signature that does not verify',
      );
    }
  }
  if (!st.members.some((m) => m.key === signer.publicKey)) {
    throw new StewardError('not-a-member', `${signer.name} is not a founder in this charter draft`);
  }
  if (!envelope.signatures.some((s) => s.key === signer.publicKey)) {
    envelope = {
      statement: st,
      signatures: [
        ...envelope.signatures,
        { key: signer.publicKey, signature: signer.sign(bytes) },
      ],
    };
  }
  const pending = pendingOf(envelope);
  if (pending.length > 0) {
    await writeFile(draftPath, renderEnvelope(envelope));
    return { dir: ledger.dir, pending };
  }
  const id = signStatement(st, []).id;
  await commitGenesis(ledger, envelope, id, signer);
  await unlink(draftPath);
  return { dir: ledger.dir, group: id, pending };
};

/**
 * The charter draft in a repo folder, as the app shows it: the group's name and each founder,
 * signed or not. Undefined when there is none (or it is not a charter a founder could sign).
 */
export const readCharterDraft = async (
  ledger: Ledger,
): Promise<
  { name: string; founders: { id: string; name: string; signed: boolean }[] } | undefined
> => {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(await readFile(join(ledger.repo.gitdir, DRAFT), 'utf8')) as Envelope;
  } catch {
    return undefined;
  }
  if (schemaProblem('charter', envelope)) return undefined;
  const st = envelope.statement as CharterStatement;
  const signed = new Set(envelope.signatures.map((s) => s.key));
  return {
    name: st.name,
    founders: st.members.map((m) => ({ id: m.id, name: m.name, signed: signed.has(m.key) })),
  };
};

/**
 * Crafting hostile statements with real keys: any shape of statement, signed with `signStatement`
 * (or deliberately not), rendered with `renderEnvelope`, and filed at its one path or elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signingBytes, renderEnvelope } from '../../../shared/format/envelope';
import type { StatementType } from '../../../shared/format/kinds';
import { statementPath } from '../../../shared/format/paths';
import type { QuarantineReason } from '../../../shared/format/reasons';
import type { Envelope, Statement } from '../../../shared/format/types';
import { signStatement } from '../../../electron/core/governance/sign';
import type { Signer } from '../../../electron/core/identity/keystore';
import type { Plant } from './git';
import { at, type Group } from './group';

export type Fields = Record<string, unknown>;
export type Forged = { statement: Fields; id: string; envelope: Envelope; text: string };

/** What one attack plants, and what the verifier must make of it. */
export type Attack = {
  plants: Plant[];
  /** Every file the attack leaves quarantined, with its exact reason; nothing else may be. */
  expect: Expected[];
  /** 'baseline' (default): outcomes unchanged. 'no-charter': the genesis itself is gone. */
  outcome?: 'baseline' | 'no-charter';
  /** What `git fsck` reports: the loader must not rely on git having refused the tree. */
  fsck?: RegExp;
};
export type Expected = { path: string; reason: QuarantineReason };
export type Case = { reason: QuarantineReason; when: string; attack: (g: Group) => Attack };

/** A statement `minutes` after the founding, by `author`, in the group unless told otherwise. */
export const stmt = (
  g: Group,
  type: string,
  author: Signer,
  minutes: number,
  fields: Fields = {},
): Fields => ({
  format: 'steward/1',
  type,
  group: g.group,
  author: author.id,
  created: at(minutes).toISOString(),
  ...fields,
});

export const voteBy = (
  g: Group,
  author: Signer,
  minutes: number,
  proposal: string,
  fields: Fields = { choice: 'yes' },
): Fields => stmt(g, 'vote', author, minutes, { proposal, ...fields });

export const resolutionBy = (g: Group, author: Signer, minutes: number, title: string): Fields =>
  stmt(g, 'proposal', author, minutes, { kind: 'resolution', title, body: '', params: {} });

/** Signs any object as if it were a statement: the signatures verify over its signed bytes. */
export const sign = (statement: Fields, signers: Signer[]): Forged => {
  const { envelope, id } = signStatement(statement as unknown as Statement, signers);
  return { statement, id, envelope, text: renderEnvelope(envelope) };
};

/** The statement signed by `signer`, with the signature filed under `claimed`'s key. */
export const signAs = (statement: Fields, signer: Signer, claimed: Signer): Forged => {
  const signature = signer.sign(signingBytes(statement));
  const envelope = {
    statement: statement as unknown as Statement,
    signatures: [{ key: claimed.publicKey, signature }],
  };
  return { statement, id: sign(statement, []).id, envelope, text: renderEnvelope(envelope) };
};

/** The one path of a forged statement. */
export const pathOf = (f: Forged): string =>
  statementPath(
    f.statement.type as StatementType,
    f.id,
    typeof f.statement.proposal === 'string' ? f.statement.proposal : undefined,
  );

export const plant = (path: string, content: Plant['content'], mode?: string): Plant => ({
  path: path.split('/'),
  content,
  ...(mode ? { mode } : {}),
});

/** Files a forged statement at its own path (or `path`), expecting `reason` there. */
export const filed = (f: Forged, reason: QuarantineReason, path = pathOf(f)): Attack => ({
  plants: [plant(path, f.text)],
  expect: [{ path, reason }],
});

/** Several attacks planted in one commit. */
export const together = (...attacks: Attack[]): Attack => ({
  plants: attacks.flatMap((a) => a.plants),
  expect: attacks.flatMap((a) => a.expect),
});

export const readRepoFile = (g: Group, path: string): string =>
  readFileSync(join(g.dir, path), 'utf8');

/** The path a statement with this id would have in the proposal's `folder`. */
export const inFolder = (proposal: string, folder: string, id: string): string =>
  `proposals/${proposal.slice(0, 2)}/${proposal}/${folder}/${id}.json`;

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

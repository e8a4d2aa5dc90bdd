import type { EvidenceTask, ProposalKind } from './kinds';

/** ISO 8601 UTC timestamp, e.g. 2026-11-25T10:00:00.000Z. Self-asserted by the author. */
export type Timestamp = string;
/** Lowercase hex SHA-256 of a statement's signed bytes. */
export type StatementId = string;
/** Lowercase hex SHA-256 of a member's first public key. Stable across key rotations. */
export type MemberId = string;
/** base64url (no padding) of a raw 32-byte Ed25519 public key. */
export type PublicKey = string;

export type Electorate = 'members' | 'owners';
export type Weight = 'equal' | 'shares';

export type Rule = {
  electorate: Electorate;
  weight: Weight;
  /** Fraction (0..1) of the electorate's weight that must take part. */
  quorum: number;
  /** A proposal passes when yes > threshold × (yes + no), by weight. */
  threshold: number;
  /** Voting window in seconds from the proposal's `created`. */
  votingPeriod: number;
};

export type Rules = Record<ProposalKind, Rule>;

export type Founder = { id: MemberId; name: string; key: PublicKey };

type Base = { format: 'steward/1'; created: Timestamp };
type Signed = Base & { group: StatementId; author: MemberId };

export type CharterStatement = Base & {
  type: 'charter';
  name: string;
  nonce: string;
  members: Founder[];
  rules: Rules;
  requireApproval: boolean;
};

/** A model file by path and SHA-256; a record's file may also say its size in bytes. */
export type ModelFile = { path: string; sha256: string; size?: number };
export type Share = { member: MemberId; shares: number };
export type CharterChange = { key: string; value: string | number | boolean };

export type ProposalParams = {
  'add-member': { key: PublicKey; name: string };
  'remove-member': { member: MemberId };
  'amend-charter': { changes: CharterChange[] };
  'register-model': {
    model: string;
    name: string;
    license: string;
    owners: Share[];
    version?: string;
    files?: ModelFile[];
  };
  'add-version': { model: string; version: string; files?: ModelFile[] };
  'transfer-shares': { model: string; from: MemberId; to: MemberId; shares: number };
  'set-license': { model: string; license: string };
  'approve-use': { model: string; version: string; purpose: string };
  'retire-model': { model: string };
  resolution: Record<string, never>;
  poll: { options: string[]; method: 'approval' | 'ranked' };
};

export type ProposalStatement = {
  [K in ProposalKind]: Signed & {
    type: 'proposal';
    kind: K;
    title: string;
    body: string;
    params: ProposalParams[K];
  };
}[ProposalKind];

export type Choice = 'yes' | 'no' | 'abstain';

export type VoteStatement = Signed & {
  type: 'vote';
  proposal: StatementId;
  reason?: string;
  /** The voter's previous vote on this proposal, which this one replaces. */
  replaces?: StatementId;
} & ({ choice: Choice } | { options: number[] });

export type ConsentStatement = Signed & { type: 'consent'; proposal: StatementId };
export type WithdrawalStatement = Signed & { type: 'withdrawal'; proposal: StatementId };
export type CloseStatement = Signed & {
  type: 'close';
  proposal: StatementId;
  /** The 40-hex git commit the close was made on: its tree fixes the votes counted. */
  basis: string;
};
export type CertificationStatement = Signed & {
  type: 'certification';
  proposal: StatementId;
  close: StatementId;
};
/** What an evaluation found: everything an evidence statement says beyond who, when and where. */
export type EvidenceBody = {
  /** The model's slug and version evaluated, and the hashes of the files that ran. */
  model: string;
  version: string;
  /** Sorted by path, no path twice, at least one. */
  files: ModelFile[];
  task: EvidenceTask;
  dataset: { sha256: string; items: number; name?: string };
  settings: Record<string, string | number | boolean>;
  seed: number;
  metrics: Record<string, number>;
  /** SHA-256 of the canonical JSON of the per-item outputs, in dataset order. */
  outputs: string;
  /** What computed it; informational. */
  runtime: { library: string; onnxruntime: string };
  note?: string;
};
export type EvidenceStatement = Signed & { type: 'evidence'; proposal: StatementId } & EvidenceBody;
export type KeyRotationStatement = Signed & {
  type: 'key-rotation';
  key: PublicKey;
  /** The commit the rotation was made on: statements it held stay valid whatever their dates. */
  basis: string;
};

export type Statement =
  | CharterStatement
  | ProposalStatement
  | VoteStatement
  | ConsentStatement
  | WithdrawalStatement
  | CloseStatement
  | CertificationStatement
  | EvidenceStatement
  | KeyRotationStatement;

export type Signature = { key: PublicKey; signature: string };

/** What a statement file holds. */
export type Envelope = { statement: Statement; signatures: Signature[] };

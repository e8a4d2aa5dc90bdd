/** The closed list of proposal kinds and what each one concerns. */
export const proposalKinds = [
  'add-member',
  'remove-member',
  'amend-charter',
  'register-model',
  'add-version',
  'transfer-shares',
  'set-license',
  'approve-use',
  'retire-model',
  'resolution',
  'poll',
] as const;

export type ProposalKind = (typeof proposalKinds)[number];

export const isProposalKind = (value: unknown): value is ProposalKind =>
  typeof value === 'string' && (proposalKinds as readonly string[]).includes(value);

/** Kinds whose params name an existing model: their electorate may be that model's owners. */
export const modelKinds: readonly ProposalKind[] = [
  'add-version',
  'transfer-shares',
  'set-license',
  'approve-use',
  'retire-model',
];

export const statementTypes = [
  'charter',
  'proposal',
  'vote',
  'consent',
  'withdrawal',
  'close',
  'certification',
  'evidence',
  'key-rotation',
] as const;

export type StatementType = (typeof statementTypes)[number];

export const FORMAT = 'steward/1';

/** The tasks an evaluation can run a model on, as recorded in evidence. */
export const evidenceTasks = [
  'text-generation',
  'text-classification',
  'feature-extraction',
] as const;

export type EvidenceTask = (typeof evidenceTasks)[number];

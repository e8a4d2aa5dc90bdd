/** What derivation produces. Nothing here is ever stored: it is recomputed from the statements. */
import type { Quarantined } from '../format/check';
import type { ProposalKind } from '../format/kinds';
import type {
  Choice,
  EvidenceBody,
  ModelFile,
  ProposalStatement,
  PublicKey,
  Rule,
} from '../format/types';
import type { Tally } from '../tally';
import type { Charter } from '../charter';

export type Status = 'open' | 'passed' | 'rejected' | 'expired' | 'withdrawn';

export type MemberView = {
  id: string;
  name: string;
  publicKey: PublicKey;
  joined: string;
  addedBy: string;
};

export type ShareChange = {
  proposal: string;
  at: string;
  change: string;
  owners: { member: string; shares: number }[];
};

export type ModelView = {
  slug: string;
  name: string;
  license: string;
  versions: { version: string; files: ModelFile[]; proposal: string }[];
  approvals: { version: string; purpose: string; proposal: string }[];
  owners: { member: string; shares: number }[];
  retired: boolean;
  registeredBy: string;
  history: ShareChange[];
};

export type VoteView = {
  id: string;
  voter: string;
  created: string;
  choice?: Choice;
  options?: number[];
  reason?: string;
  weight: number;
};

export type NotCounted = {
  id: string;
  voter: string;
  /** When the vote says it was cast. */
  created: string;
  reason: 'superseded' | 'arrived-after-close';
};

export type CloseView = {
  id: string;
  author: string;
  created: string;
  basis: string;
  counted: string[];
  certifiedBy: string[];
  certified: boolean;
  tally: Tally;
};

/** A valid evidence statement, whole but for its group, proposal and type. */
export type EvidenceView = EvidenceBody & { id: string; author: string; created: string };

export type ProposalView = {
  id: string;
  kind: ProposalKind;
  title: string;
  body: string;
  author: string;
  created: string;
  deadline: string;
  params: ProposalStatement['params'];
  rule: Rule;
  electorate: { member: string; weight: number }[];
  /** Who was a member when it opened: they alone may close and certify it. */
  membersAtOpen: string[];
  status: Status;
  /** Why a closed proposal did not pass, beyond its tally (e.g. missing consent). */
  reason?: string;
  final: boolean;
  /** Open, past its deadline: anyone may close it. */
  closable: boolean;
  tally: Tally;
  votes: VoteView[];
  notCounted: NotCounted[];
  closes: CloseView[];
  winningClose?: string;
  withdrawnBy?: string;
  consents: string[];
  /** Valid evidence, oldest first (then by id); it counts in no tally. */
  evidence: EvidenceView[];
  effect?: { applied: boolean; reason?: string; at: string };
  equivocations: { member: string; closes: string[] }[];
};

/**
 * A commit that changed or removed a valid statement one of its parents held: reported, while the
 * statement still counts as first committed (docs/format.md §4.3).
 */
export type Rewrite = {
  path: string;
  commit: string;
  change: 'changed' | 'removed';
  /** The statement that was there. */
  id: string;
  type: string;
};

export type DerivedState = {
  group?: { id: string; name: string; created: string };
  charter?: Charter;
  members: MemberView[];
  models: ModelView[];
  proposals: ProposalView[];
  quarantined: Quarantined[];
  statements: number;
  /** Set by the ledger, not by derivation, where the history holds any (§4.3). */
  rewrites?: Rewrite[];
};

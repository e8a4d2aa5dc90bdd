/**
 * Builds a group's statements in memory with real keys and real signatures, for tests of
 * verification and derivation that need no git repo. "Commits" are named snapshots of the set of
 * statement ids, which is all a close's basis means to derivation.
 */
import { defaultRules, type RuleDefaults } from '../../shared/charter';
import { checkFile, memberIdOf, type CheckResult, type RepoFile } from '../../shared/format/check';
import { renderEnvelope } from '../../shared/format/envelope';
import { statementPath } from '../../shared/format/paths';
import type {
  Choice,
  EvidenceBody,
  ProposalParams,
  ProposalStatement,
  Statement,
} from '../../shared/format/types';
import type { ProposalKind } from '../../shared/format/kinds';
import { derive } from '../../shared/derive/derive';
import { toHex } from '../../shared/encoding';
import type { DerivedState } from '../../shared/derive/state';
import { generateKeyPair, nodeCrypto, signWithSeed } from '../../electron/core/crypto';
import { signStatement } from '../../electron/core/governance/sign';
import type { Signer } from '../../electron/core/identity/keystore';

export const makeSigner = (name: string): Signer => {
  const pair = generateKeyPair();
  return {
    id: memberIdOf(nodeCrypto, pair.publicKey),
    name,
    publicKey: pair.publicKey,
    sign: (m) => signWithSeed(pair.seed, pair.publicKey, m),
  };
};

export const toFile = (
  statement: Statement,
  signers: Signer[],
  path?: string,
): RepoFile & { id: string } => {
  const { envelope, id } = signStatement(statement, signers);
  const bytes = new TextEncoder().encode(renderEnvelope(envelope));
  const proposal = 'proposal' in statement ? statement.proposal : undefined;
  return {
    path: path ?? statementPath(statement.type, id, proposal),
    mode: '100644',
    size: bytes.length,
    bytes,
    id,
  };
};

/** A valid evaluation of a text classifier, to vary field by field. */
export const evidenceBody = (): EvidenceBody => ({
  model: 'tiny-llama',
  version: '1.0',
  files: [
    { path: 'config.json', sha256: 'a'.repeat(64) },
    { path: 'onnx/model.onnx', sha256: 'b'.repeat(64) },
  ],
  task: 'text-classification',
  dataset: { sha256: 'c'.repeat(64), items: 200, name: 'reviews.jsonl' },
  settings: {},
  seed: 0,
  metrics: { accuracy: 0.91, items: 200 },
  outputs: 'd'.repeat(64),
  runtime: { library: '@huggingface/transformers@4.3.1', onnxruntime: 'onnxruntime-node@1.22.0' },
});

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (hours: number): string => new Date(T0 + hours * 3600_000).toISOString();

export class MemoryGroup {
  readonly files: (RepoFile & { id: string })[] = [];
  readonly commits = new Map<string, Set<string>>();
  readonly group: string;

  constructor(
    readonly founders: Signer[],
    rules: RuleDefaults = {},
    name = 'Test group',
  ) {
    const charter = toFile(
      {
        format: 'steward/1',
        type: 'charter',
        created: at(0),
        name,
        nonce: '0'.repeat(32),
        members: founders.map((f) => ({ id: f.id, name: f.name, key: f.publicKey })),
        rules: defaultRules(rules),
        requireApproval: false,
      },
      founders,
    );
    this.files.push(charter);
    this.group = charter.id;
  }

  private add(statement: Statement, signer: Signer): string {
    const f = toFile(statement, [signer]);
    this.files.push(f);
    return f.id;
  }

  private base(signer: Signer, hours: number) {
    return {
      format: 'steward/1' as const,
      group: this.group,
      author: signer.id,
      created: at(hours),
    };
  }

  propose<K extends ProposalKind>(
    signer: Signer,
    hours: number,
    kind: K,
    params: ProposalParams[K],
    title = `a ${kind}`,
  ): string {
    return this.add(
      {
        ...this.base(signer, hours),
        type: 'proposal',
        kind,
        title,
        body: '',
        params,
      } as ProposalStatement,
      signer,
    );
  }

  vote(
    signer: Signer,
    hours: number,
    proposal: string,
    choice: Choice | number[],
    replaces?: string,
  ): string {
    const ballot = Array.isArray(choice) ? { options: choice } : { choice };
    return this.add(
      {
        ...this.base(signer, hours),
        type: 'vote',
        proposal,
        ...ballot,
        ...(replaces ? { replaces } : {}),
      },
      signer,
    );
  }

  /** Names the current set of statements as a commit, for a close's basis. */
  snapshot(name: string, ids: Iterable<string> = this.files.map((f) => f.id)): string {
    const commit = toHex(nodeCrypto.sha256(new TextEncoder().encode(name))).slice(0, 40);
    this.commits.set(commit, new Set(ids));
    return commit;
  }

  close(
    signer: Signer,
    hours: number,
    proposal: string,
    basis = this.snapshot(`c${this.files.length}`),
  ): string {
    return this.add({ ...this.base(signer, hours), type: 'close', proposal, basis }, signer);
  }

  certify(signer: Signer, hours: number, proposal: string, close: string): string {
    return this.add(
      { ...this.base(signer, hours), type: 'certification', proposal, close },
      signer,
    );
  }

  withdraw(signer: Signer, hours: number, proposal: string): string {
    return this.add({ ...this.base(signer, hours), type: 'withdrawal', proposal }, signer);
  }

  consent(signer: Signer, hours: number, proposal: string): string {
    return this.add({ ...this.base(signer, hours), type: 'consent', proposal }, signer);
  }

  evidence(
    signer: Signer,
    hours: number,
    proposal: string,
    body: Partial<EvidenceBody> = {},
  ): string {
    return this.add(
      { ...this.base(signer, hours), type: 'evidence', proposal, ...evidenceBody(), ...body },
      signer,
    );
  }

  rotate(signer: Signer, hours: number, next: Signer): string {
    return this.add(
      {
        ...this.base(signer, hours),
        type: 'key-rotation',
        key: next.publicKey,
        basis: this.snapshot(`r${this.files.length}`),
      },
      signer,
    );
  }

  checked(files = this.files): CheckResult[] {
    return files.map((f) => checkFile(f, nodeCrypto));
  }

  derive(nowHours = 10_000, files = this.files): DerivedState {
    return deriveFiles(this.checked(files), this.commits, nowHours);
  }
}

export const deriveFiles = (
  checked: CheckResult[],
  commits: Map<string, Set<string>>,
  nowHours = 10_000,
): DerivedState =>
  derive({
    checked,
    basisOf: (commit) => commits.get(commit),
    memberIdOf: (key) => memberIdOf(nodeCrypto, key),
    now: Date.parse(at(nowHours)),
  });

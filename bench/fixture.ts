/**
 * Builds a governance repo of exactly N statements without appending them one by one: every file
 * is signed and rendered by Steward's own code, written to the work tree of a repo made by
 * `Ledger.init`, and committed by the git CLI — the charter, proposals and votes in one commit, the
 * closes (whose basis is that commit) in a second — then packed by `git gc`, as a clone would be.
 *
 * One resolution every SPAN/P, newest first: each has 9 of the 12 members voting; those past
 * their deadline are closed. The newest stays open, for the append benchmark to vote on.
 *
 *   npx tsx bench/fixture.ts N DIR    → DIR/repo (the repo) and DIR/fixture.json
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultRules } from '../shared/charter';
import { renderEnvelope } from '../shared/format/envelope';
import { statementPath } from '../shared/format/paths';
import type {
  CharterStatement,
  CloseStatement,
  Envelope,
  ProposalStatement,
} from '../shared/format/types';
import { generateKeyPair } from '../electron/core/crypto';
import { signStatement } from '../electron/core/governance/sign';
import { Ledger } from '../electron/core/ledger/ledger';
import { git, progress, repoDir, signerOf, signVote, writeFixture, type Member } from './lib';

const MEMBERS = 12;
const VOTERS = 9;
const HOUR = 3_600_000;
const SPAN = 365 * 24 * HOUR;
const rules = defaultRules();
const period = rules.resolution.votingPeriod * 1000;

type Plan = { created: number; votes: number; closed: boolean };

/** Newest first: how many votes each proposal gets and whether it is closed, N statements in all. */
const plan = (n: number, now: number): Plan[] => {
  const gap = Math.floor(SPAN / Math.ceil(n / (VOTERS + 2)));
  const plans: Plan[] = [];
  for (let left = n - 1, i = 0; left > 0; i++) {
    const created = now - HOUR - i * gap;
    const votes = Math.min(VOTERS, left - 1);
    const closed = now - created > period + HOUR && left >= VOTERS + 2;
    plans.push({ created, votes, closed });
    left -= 1 + votes + (closed ? 1 : 0);
  }
  return plans;
};

const main = async (): Promise<void> => {
  const n = Number(process.argv[2]);
  const dir = process.argv[3]!;
  const now = Date.now();
  const plans = plan(n, now);
  const members: Member[] = Array.from({ length: MEMBERS }, (_, i) => {
    const pair = generateKeyPair();
    const seed = Buffer.from(pair.seed).toString('base64url');
    return { name: `Member ${i + 1}`, publicKey: pair.publicKey, seed };
  });
  const signers = members.map(signerOf);
  const repo = repoDir(dir);
  await Ledger.init(repo);
  const made = new Set<string>();
  const write = (envelope: Envelope, id: string, proposal?: string): void => {
    const path = join(repo, statementPath(envelope.statement.type, id, proposal));
    if (!made.has(dirname(path))) {
      mkdirSync(dirname(path), { recursive: true });
      made.add(dirname(path));
    }
    writeFileSync(path, renderEnvelope(envelope));
  };

  const charter: CharterStatement = {
    format: 'steward/1',
    type: 'charter',
    created: new Date(plans[plans.length - 1]!.created - 24 * HOUR).toISOString(),
    name: 'Bench cooperative',
    nonce: randomBytes(16).toString('hex'),
    members: signers.map((s) => ({ id: s.id, name: s.name, key: s.publicKey })),
    rules,
    requireApproval: false,
  };
  const genesis = signStatement(charter, signers);
  const group = genesis.id;
  write(genesis.envelope, group);

  const proposals: string[] = [];
  const lastVote: Record<string, string> = {};
  progress(`fixture ${n}: signing ${plans.length} proposals and their votes`);
  plans.forEach((p, i) => {
    const statement: ProposalStatement = {
      format: 'steward/1',
      type: 'proposal',
      group,
      author: signers[i % MEMBERS]!.id,
      created: new Date(p.created).toISOString(),
      kind: 'resolution',
      title: `Resolution ${plans.length - i}`,
      body: 'Resolved: the group keeps its models and its minutes in this ledger, signed by all.',
      params: {},
    };
    const proposal = signStatement(statement, [signers[i % MEMBERS]!]);
    write(proposal.envelope, proposal.id);
    proposals.push(proposal.id);
    for (let k = 0; k < p.votes; k++) {
      const voter = signers[(i + k) % MEMBERS]!;
      const created = new Date(p.created + (k + 1) * 120_000);
      const choice = k % 4 === 3 ? 'no' : 'yes';
      const vote = signVote(group, voter, proposal.id, created, choice, {
        ...(k === 0 ? { reason: 'This is what we agreed at the last meeting.' } : {}),
      });
      write(vote.envelope, vote.id, proposal.id);
      if (i === 0) lastVote[voter.id] = vote.id;
    }
  });
  progress(`fixture ${n}: committing the charter, proposals and votes`);
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'gc.auto=0', 'commit', '-q', '-m', `${n} statements, in bulk`]);
  const basis = git(repo, ['rev-parse', 'HEAD']).trim();

  let closes = 0;
  plans.forEach((p, i) => {
    if (!p.closed) return;
    const author = signers[(i + 1) % MEMBERS]!;
    const statement: CloseStatement = {
      format: 'steward/1',
      type: 'close',
      group,
      author: author.id,
      created: new Date(p.created + period + 60_000).toISOString(),
      proposal: proposals[i]!,
      basis,
    };
    const close = signStatement(statement, [author]);
    write(close.envelope, close.id, proposals[i]);
    closes++;
  });
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'gc.auto=0', 'commit', '-q', '-m', `${closes} closes, in bulk`]);
  progress(`fixture ${n}: packing (git gc)`);
  git(repo, ['gc', '-q']);

  writeFixture(dir, {
    statements: n,
    proposals: plans.length,
    closes,
    now: new Date(now).toISOString(),
    group,
    members,
    open: {
      proposal: proposals[0]!,
      title: `Resolution ${plans.length}`,
      created: new Date(plans[0]!.created).toISOString(),
      lastVote,
    },
  });
  progress(`fixture ${n}: ${plans.length} proposals, ${closes} closes`);
};

await main();

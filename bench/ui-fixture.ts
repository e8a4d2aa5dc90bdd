/**
 * A governance repo for the UI benchmarks: P proposals with one vote each (2P + 1 statements),
 * founded by two people with real identities on this machine (Alice hosts `steward serve`, Bob
 * votes through the HTTP API) and three generated members. Every file is signed and rendered by
 * Steward's own code and committed in bulk by the git CLI, as bench/fixture.ts does; the newest
 * proposal stays open for the vote benchmark.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultRules } from '../shared/charter';
import { renderEnvelope } from '../shared/format/envelope';
import { statementPath } from '../shared/format/paths';
import type { CharterStatement, Envelope, ProposalStatement } from '../shared/format/types';
import { generateKeyPair } from '../electron/core/crypto';
import { signStatement } from '../electron/core/governance/sign';
import { Keystore, type Signer } from '../electron/core/identity/keystore';
import { Ledger } from '../electron/core/ledger/ledger';
import { git, progress, signerOf, signVote } from './lib';

const HOUR = 3_600_000;
const words = (
  'budget gpu licence model charter review evaluation dataset meeting logo privacy ' +
  'inference hosting backup translation summary audit storage energy training'
).split(' ');

export type UiFixture = {
  repo: string;
  group: string;
  proposals: number;
  /** The newest proposal, open, with no vote from Alice or Bob. */
  open: string;
  people: Record<'alice' | 'bob', { home: string; passphrase: string }>;
};

const person = async (dir: string, name: string) => {
  const home = join(dir, name.toLowerCase());
  const passphrase = 'bench passphrase';
  const keystore = new Keystore(home);
  await keystore.create(name, passphrase, new Date());
  return { home, passphrase, signer: await keystore.unlock(passphrase) };
};

/** Builds DIR/repo with `count` proposals; Alice's and Bob's homes go beside it. */
export const buildUiFixture = async (dir: string, count: number): Promise<UiFixture> => {
  const now = Date.now();
  const alice = await person(dir, 'Alice');
  const bob = await person(dir, 'Bob');
  const others = Array.from({ length: 3 }, (_, i) =>
    signerOf({
      name: `Member ${i + 3}`,
      ...(({ publicKey, seed }) => ({
        publicKey,
        seed: Buffer.from(seed).toString('base64url'),
      }))(generateKeyPair()),
    }),
  );
  const signers: Signer[] = [alice.signer, bob.signer, ...others];
  const repo = join(dir, 'repo');
  await Ledger.init(repo);
  const write = (envelope: Envelope, id: string, proposal?: string): void => {
    const path = join(repo, statementPath(envelope.statement.type, id, proposal));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderEnvelope(envelope));
  };
  const span = 365 * 24 * HOUR;
  const charter: CharterStatement = {
    format: 'steward/1',
    type: 'charter',
    created: new Date(now - span - 24 * HOUR).toISOString(),
    name: 'UI bench cooperative',
    nonce: randomBytes(16).toString('hex'),
    members: signers.map((s) => ({ id: s.id, name: s.name, key: s.publicKey })),
    rules: defaultRules(),
    requireApproval: false,
  };
  const genesis = signStatement(charter, signers);
  const group = genesis.id;
  write(genesis.envelope, group);
  progress(`ui fixture: signing ${count} proposals and a vote on each`);
  let open = '';
  for (let i = 0; i < count; i++) {
    // Oldest first; the last one is an hour old, so still open.
    const created = now - HOUR - Math.floor(((count - 1 - i) * span) / count);
    const author = signers[2 + (i % 3)]!;
    const topic = [words[i % words.length], words[(i * 7) % words.length]].join(' ');
    const statement: ProposalStatement = {
      format: 'steward/1',
      type: 'proposal',
      group,
      author: author.id,
      created: new Date(created).toISOString(),
      kind: 'resolution',
      title: `Resolution ${i + 1}: ${topic}`,
      body: `Resolved: the group decides on ${topic} (item ${i + 1}), as discussed.`,
      params: {},
    };
    const proposal = signStatement(statement, [author]);
    write(proposal.envelope, proposal.id);
    const vote = signVote(group, author, proposal.id, new Date(created + 60_000), 'yes');
    write(vote.envelope, vote.id, proposal.id);
    open = proposal.id;
  }
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'gc.auto=0', 'commit', '-q', '-m', `${count} proposals, in bulk`]);
  git(repo, ['gc', '-q']);
  const people = {
    alice: { home: alice.home, passphrase: alice.passphrase },
    bob: { home: bob.home, passphrase: bob.passphrase },
  };
  return { repo, group, proposals: count, open, people };
};

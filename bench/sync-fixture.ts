/**
 * Turns a repo made by fixture.ts into two peers for the sync benchmark: peer B, a copy (`cp -a`)
 * of the repo as it is, and peer A, the same repo plus NEW signed statements, each appended by
 * `Ledger.append` as its own commit with loose objects, as Steward writes them when members
 * propose and vote. So B lacks exactly A's last NEW commits and nothing else.
 *
 * The new statements are resolutions, each voted on by 9 of the 12 members, all dated between the
 * fixture's open proposal and its `now`, so every one is valid when the ledger is loaded.
 *
 *   npx tsx bench/sync-fixture.ts DIR [NEW]    (DIR made by fixture.ts; NEW defaults to 1000)
 *     → DIR/repo is peer A, DIR/peer-b/repo peer B, DIR/peers.json their heads
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProposalStatement } from '../shared/format/types';
import { shortId, signStatement } from '../electron/core/governance/sign';
import { Ledger } from '../electron/core/ledger/ledger';
import { git, progress, readFixture, repoDir, signerOf, signVote } from './lib';

const VOTERS = 9;

/** Written by this script as DIR/peers.json: where each peer's repo is, and its head. */
export type Peers = {
  base: number;
  added: number;
  a: { repo: string; head: string };
  b: { repo: string; head: string };
};

const main = async (): Promise<void> => {
  const dir = process.argv[2]!;
  const added = Number(process.argv[3] ?? 1000);
  if (!Number.isInteger(added) || added < 1) throw new Error('NEW must be an integer >= 1');
  const fixture = readFixture(dir);
  const repo = repoDir(dir);
  const b = repoDir(join(dir, 'peer-b'));
  mkdirSync(join(dir, 'peer-b'));
  execFileSync('cp', ['-a', repo, b]);
  // A peer that has been in use has loaded its ledger before, so its verdicts of the files it
  // holds are cached (ledger/check-cache.ts): the sync then checks only what it brings in.
  await (await Ledger.open(b)).load(new Date(fixture.now));

  const ledger = await Ledger.open(repo);
  const signers = fixture.members.map(signerOf);
  // Spaced so that all of them fit between the open proposal and `now`, an hour later.
  const first = Date.parse(fixture.open.created) + 5 * 60_000;
  const step = Math.floor((Date.parse(fixture.now) - first - 60_000) / added);
  let proposal = { id: '', title: '' };
  progress(`sync fixture: appending ${added} statements to peer A, one commit each`);
  for (let i = 0; i < added; i++) {
    const created = new Date(first + i * step);
    const k = i % (VOTERS + 1);
    const n = Math.floor(i / (VOTERS + 1));
    if (k === 0) {
      const author = signers[n % signers.length]!;
      const statement: ProposalStatement = {
        format: 'steward/1',
        type: 'proposal',
        group: fixture.group,
        author: author.id,
        created: created.toISOString(),
        kind: 'resolution',
        title: `Synced resolution ${n + 1}`,
        body: 'Resolved: this was written on one peer and travels to the other by sync.',
        params: {},
      };
      const { envelope, id } = signStatement(statement, [author]);
      const message = `propose resolution "${statement.title}" (${shortId(id)})`;
      await ledger.append(envelope, id, message, author);
      proposal = { id, title: statement.title };
    } else {
      const voter = signers[(n + k) % signers.length]!;
      const choice = k % 4 === 3 ? 'no' : 'yes';
      const { envelope, id } = signVote(fixture.group, voter, proposal.id, created, choice);
      const message = `vote ${choice} on "${proposal.title}" (${shortId(proposal.id)})`;
      await ledger.append(envelope, id, message, voter);
    }
    if ((i + 1) % 250 === 0) progress(`sync fixture: ${i + 1}/${added}`);
  }
  const peers: Peers = {
    base: fixture.statements,
    added,
    a: { repo, head: git(repo, ['rev-parse', 'HEAD']).trim() },
    b: { repo: b, head: git(b, ['rev-parse', 'HEAD']).trim() },
  };
  writeFileSync(join(dir, 'peers.json'), JSON.stringify(peers));
};

await main();

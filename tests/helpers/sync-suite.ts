/**
 * What the sync tests share: a founded group with one closed proposal (whose body git deltifies
 * well), two members, and shorthands to run the CLI and to add statements with git fast-import.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { Peers, resolution, statementFile, type Failure, type SyncReport } from './sync-peers';

/** A text that changes little between proposals: what git deltifies. */
export const minutes = (n: number): string =>
  Array.from(
    { length: 60 },
    (_, i) =>
      `${i + 1}. The group keeps its models and its minutes in this ledger; item ${i === n % 60 ? `amended in meeting ${n}` : 'as agreed'}.`,
  ).join('\n');

export type SyncSuite = {
  peers: Peers;
  /** The founded repo, and its group and closed proposal; set before the tests run. */
  base: string;
  group: string;
  proposal: string;
  /** Runs a command expecting a failure; its error. */
  fails: (dir: string, ...args: string[]) => Failure['error'];
  sync: (dir: string, target: string, who?: Peers['alice']) => SyncReport;
  /** Statements signed in-process and committed by git fast-import, one commit each. */
  addProposals: (dir: string, titles: string[], body?: string) => Promise<string[]>;
};

/** Registers the suite's setup and teardown in the calling describe block. */
export const syncSuite = (): SyncSuite => {
  const peers = new Peers();
  const { alice, bob } = peers;
  const suite: SyncSuite = {
    peers,
    base: '',
    group: '',
    proposal: '',
    fails: (dir, ...args) => {
      const r = peers.cli(alice, dir, ...args);
      expect(r.status, `${args.join(' ')} should fail: ${r.stdout}`).toBe(1);
      return (r.json as Failure).error;
    },
    sync: (dir, target, who = alice) => peers.ok<SyncReport>(who, dir, 'sync', target),
    addProposals: async (dir, titles, body = '') => {
      const signer = await peers.signer(alice);
      const files = titles.map((t) =>
        statementFile(resolution(suite.group, signer, peers.next(), t, body), [signer]),
      );
      peers.commitAll(
        dir,
        files.map((f, i) => ({
          files: [f],
          message: `propose "${titles[i]}"`,
          when: peers.next(),
        })),
      );
      return files.map((f) => f.id);
    },
  };
  beforeAll(() => {
    const { dir, group } = peers.found();
    suite.base = dir;
    suite.group = group;
    const body = join(peers.root, 'body.md');
    writeFileSync(body, minutes(0));
    suite.proposal = peers.propose(alice, dir, 'Keep the minutes here', body);
    peers.ok(alice, dir, 'vote', suite.proposal, 'yes');
    peers.ok(bob, dir, 'vote', suite.proposal, 'yes');
    peers.ok(alice, dir, 'close', suite.proposal);
    peers.fsck(dir);
  }, 60_000);
  afterAll(() => {
    rmSync(peers.root, { recursive: true, force: true });
  });
  return suite;
};

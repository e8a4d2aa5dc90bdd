import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, Person, steward, tempDir } from '../helpers/cli';

type Id = { id: string; name: string; publicKey: string };
type ProposalOut = { id: string; kind: string; status: string; deadline: string };
type Show = {
  status: string;
  final: boolean;
  tally: Record<string, unknown>;
  votes: { voter: string }[];
  notCounted: unknown[];
  quarantined: unknown[];
};

const day = (d: number, h = 0) => new Date(Date.UTC(2026, 0, d, h)).toISOString();

describe('steward command line', () => {
  const root = tempDir();
  const repo = join(root, 'guild');
  const alice = new Person(join(root, 'alice'), repo);
  const bob = new Person(join(root, 'bob'), repo);
  const carol = new Person(join(root, 'carol'), repo);
  let ids: Record<'alice' | 'bob' | 'carol', Id>;

  beforeAll(() => {
    ids = {
      alice: alice.json<Id>(day(1), 'identity', 'create', '--name', 'Alice'),
      bob: bob.json<Id>(day(1), 'identity', 'create', '--name', 'Bob'),
      carol: carol.json<Id>(day(1), 'identity', 'create', '--name', 'Carol'),
    };
  });

  it(
    'founds a group, admits two members, registers a model, transfers shares, approves a use and runs a poll',
    { timeout: 180_000 },
    () => {
      const founded = steward(
        ['init', repo, '--name', 'Guild', '--voting-period', '24h', '--json'],
        alice.env(day(1)),
      );
      expect(founded.status).toBe(0);
      expect(founded.json).toMatchObject({ pending: [] });
      expect((founded.json as { group: string }).group).toMatch(/^[0-9a-f]{64}$/);

      // Bob joins: Alice is the only member, so her vote decides and she may close at once.
      const addBob = alice.json<ProposalOut>(
        day(1, 1),
        'propose',
        'add-member',
        '--title',
        'Add Bob',
        '--key',
        ids.bob.publicKey,
        '--name',
        'Bob',
      );
      expect(addBob).toMatchObject({ kind: 'add-member', status: 'open', deadline: day(2, 1) });
      alice.json(day(1, 2), 'vote', addBob.id.slice(0, 8), 'yes');
      expect(alice.json(day(1, 3), 'close', addBob.id)).toMatchObject({
        status: 'passed',
        final: false,
      });
      expect(alice.json(day(1, 4), 'certify', addBob.id)).toMatchObject({
        status: 'passed',
        final: true,
        signers: [ids.alice.id],
      });

      // Carol joins after a change of mind: Bob's last vote counts.
      const addCarol = bob.json<ProposalOut>(
        day(2),
        'propose',
        'add-member',
        '--title',
        'Add Carol',
        '--key',
        ids.carol.publicKey,
        '--name',
        'Carol',
      );
      bob.json(day(2, 1), 'vote', addCarol.id, 'no', '--reason', 'who is she?');
      bob.json(day(2, 2), 'vote', addCarol.id, 'yes', '--reason', 'met her');
      const early = alice.run(day(2, 3), 'close', addCarol.id, '--json');
      expect(early.status).toBe(1);
      const refused = early.json as { error: { code: string; message: string } };
      expect(refused.error.code).toBe('deadline-not-passed');
      expect(refused.error.message).toContain('cannot be closed early');
      alice.json(day(2, 4), 'vote', addCarol.id, 'yes');
      expect(alice.json(day(2, 5), 'close', addCarol.id)).toMatchObject({
        status: 'passed',
        tally: { yes: 2, no: 0 },
      });
      expect(alice.json<Show>(day(2, 5), 'show', addCarol.id)).toMatchObject({
        notCounted: [{ voter: ids.bob.id, reason: 'superseded' }],
      });
      expect(
        carol
          .json<Id[]>(day(2, 6), 'members')
          .map((m) => m.name)
          .sort(),
      ).toEqual(['Alice', 'Bob', 'Carol']);

      // A model owned 60/40 by Alice and Bob.
      const sha = 'ab'.repeat(32);
      const reg = carol.json<ProposalOut>(
        day(3),
        'propose',
        'register-model',
        '--title',
        'Register tiny',
        '--model',
        'tiny',
        '--name',
        'Tiny GPT',
        '--license',
        'Apache-2.0',
        '--owner',
        `${ids.alice.id.slice(0, 8)}=60`,
        '--owner',
        'Bob=40',
        '--version',
        '1.0',
        '--file',
        `onnx/model.onnx=${sha}`,
      );
      for (const p of [alice, bob]) p.json(day(3, 1), 'vote', reg.id, 'yes');
      carol.json(day(3, 1), 'vote', reg.id, 'abstain');
      carol.json(day(3, 2), 'close', reg.id);
      expect(alice.json(day(3, 3), 'models')).toEqual([
        expect.objectContaining({
          slug: 'tiny',
          license: 'Apache-2.0',
          retired: false,
          versions: [
            { version: '1.0', files: [{ path: 'onnx/model.onnx', sha256: sha }], proposal: reg.id },
          ],
        }),
      ]);

      // Bob gives 15 shares to Carol: owners vote by shares; Bob consents by proposing it himself.
      const transfer = bob.json<ProposalOut>(
        day(4),
        'propose',
        'transfer-shares',
        '--title',
        'Shares for Carol',
        '--model',
        'tiny',
        '--from',
        'Bob',
        '--to',
        'Carol',
        '--shares',
        '15',
      );
      const notOwner = carol.run(day(4, 1), 'vote', transfer.id, 'yes', '--json');
      expect(notOwner.json).toMatchObject({ error: { code: 'not-eligible' } });
      alice.json(day(4, 1), 'vote', transfer.id, 'no');
      bob.json(day(4, 1), 'vote', transfer.id, 'yes');
      const closed = alice.json(day(4, 2), 'close', transfer.id);
      // 60 no against 40 yes: rejected, by shares.
      expect(closed).toMatchObject({
        status: 'rejected',
        tally: { yes: 40, no: 60, electorate: 100 },
      });
      const again = bob.json<ProposalOut>(
        day(5),
        'propose',
        'transfer-shares',
        '--title',
        'Shares for Carol, again',
        '--model',
        'tiny',
        '--from',
        'Bob',
        '--to',
        'Carol',
        '--shares',
        '15',
      );
      alice.json(day(5, 1), 'vote', again.id, 'yes');
      expect(bob.run(day(5, 2), 'close', again.id, '--json').json).toMatchObject({
        error: { code: 'deadline-not-passed' },
      });
      expect(bob.json(day(6, 2), 'close', again.id)).toMatchObject({
        status: 'passed',
        tally: { yes: 60, no: 0 },
      });
      const cap = carol.json<{
        model: string;
        owners: { member: string; shares: number }[];
        history: { proposal: string; commit: string; change: string }[];
      }>(day(6, 3), 'ownership', 'tiny');
      expect(cap.owners).toEqual(
        expect.arrayContaining([
          { member: ids.alice.id, shares: 60 },
          { member: ids.bob.id, shares: 25 },
          { member: ids.carol.id, shares: 15 },
        ]),
      );
      expect(cap.history.map((h) => h.proposal)).toEqual([reg.id, again.id]);
      for (const h of cap.history)
        expect(git(repo, 'cat-file', '-t', h.commit).trim()).toBe('commit');

      // Carol, now an owner, may vote on approving version 1.0 for a purpose.
      const approve = carol.json<ProposalOut>(
        day(7),
        'propose',
        'approve-use',
        '--title',
        'Use tiny for triage',
        '--model',
        'tiny',
        '--version',
        '1.0',
        '--purpose',
        'support ticket triage',
      );
      for (const p of [alice, bob, carol]) p.json(day(7, 1), 'vote', approve.id, 'yes');
      alice.json(day(7, 2), 'close', approve.id);
      // Certification weighs like the vote: Bob and Carol hold 40 of 100 shares, short of the quorum.
      for (const p of [bob, carol]) p.json(day(7, 3), 'certify', approve.id);
      expect(alice.json<Show>(day(7, 4), 'show', approve.id)).toMatchObject({
        status: 'passed',
        final: false,
      });
      expect(alice.json(day(7, 4), 'certify', approve.id)).toMatchObject({
        final: true,
        signers: [ids.alice.id, ids.bob.id, ids.carol.id].sort(),
      });
      expect(alice.json<{ approvals: unknown[] }[]>(day(7, 4), 'models')[0]!.approvals).toEqual([
        { version: '1.0', purpose: 'support ticket triage', proposal: approve.id },
      ]);

      // A ranked poll among all three members.
      const poll = alice.json<ProposalOut>(
        day(8),
        'propose',
        'poll',
        '--title',
        'Next model',
        '--option',
        'llama',
        '--option',
        'mistral',
        '--option',
        'phi',
        '--method',
        'ranked',
      );
      alice.json(day(8, 1), 'vote', poll.id, '--choice', 'phi,llama');
      bob.json(day(8, 1), 'vote', poll.id, '--choice', 'B,A');
      carol.json(day(8, 1), 'vote', poll.id, '--choice', '2');
      expect(alice.json(day(8, 2), 'close', poll.id)).toMatchObject({
        status: 'passed',
        tally: { method: 'ranked', winner: 1, rounds: [[0, 2, 1]] },
      });
    },
  );

  it('lists proposals by status with their tallies', () => {
    const passed = alice.json<{ status: string; kind: string }[]>(
      day(9),
      'list',
      '--status',
      'passed',
    );
    expect(passed.map((p) => p.kind)).toEqual([
      'add-member',
      'add-member',
      'register-model',
      'transfer-shares',
      'approve-use',
      'poll',
    ]);
    expect(alice.json<unknown[]>(day(9), 'list', '--status', 'rejected')).toHaveLength(1);
    expect(alice.run(day(9), 'list', '--status', 'maybe', '--json').json).toMatchObject({
      error: { code: 'invalid-argument' },
    });
  });

  it('leaves a repo that git reads normally: fsck clean, status clean, one commit per statement', () => {
    expect(() => git(repo, 'fsck', '--strict', '--full')).not.toThrow();
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const log = git(repo, 'log', '--format=%an|%s').trim().split('\n');
    const verified = alice.json<{ ok: boolean; statements: number; quarantined: unknown[] }>(
      day(9),
      'verify',
      '--strict',
    );
    expect(verified).toEqual({
      ok: true,
      statements: log.length,
      quarantined: [],
      rewrites: [],
    });
    expect(log.at(-1)).toBe('Alice|found "Guild" with Alice');
    expect(
      log.filter((l) => /^Bob\|vote (yes|no) on "Add Carol" \([0-9a-f]{6}\)$/.test(l)),
    ).toHaveLength(2);
    expect(log.some((l) => /^Alice\|close "Next model" \([0-9a-f]{6}\)$/.test(l))).toBe(true);
  });
});

/**
 * A generated adversarial corpus: a real group repo built through Steward's own actions, then one
 * variant repo per attack, each a real git commit made with the git CLI. Every hostile file must be
 * quarantined with exactly its reason, and the group's outcomes must not move.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarantineReasons, type QuarantineReason } from '../../shared/format/reasons';
import type { DerivedState } from '../../shared/derive/state';
import { Ledger } from '../../electron/core/ledger/ledger';
import { fileCases } from './adversarial/cases-file';
import { ledgerCases } from './adversarial/cases-ledger';
import { treeCases } from './adversarial/cases-tree';
import { keyCases } from './adversarial/cases-keys';
import {
  pathOf,
  plant,
  readRepoFile,
  sign,
  stmt,
  type Case,
  type Expected,
  type Fields,
} from './adversarial/forge';
import { copyRepo, fsck, git, plantCommit } from './adversarial/git';
import { at, buildGroup, NOW, strangerSigner, type Group } from './adversarial/group';
import { everythingButQuarantine, outcomes, pairs } from './adversarial/outcomes';

const cases: Case[] = [...treeCases, ...fileCases, ...keyCases, ...ledgerCases];

const load = async (dir: string): Promise<DerivedState> =>
  (await (await Ledger.open(dir)).load(NOW)).state;

describe('quarantine', () => {
  let g: Group;
  let baseline: DerivedState;
  /** Every statement of the baseline but the charter: what a lost genesis voids. */
  let statements: string[];
  const made: string[] = [];

  const variant = async (attack: ReturnType<Case['attack']>): Promise<string> => {
    const dir = await copyRepo(g.dir);
    made.push(dir);
    plantCommit(dir, attack.plants);
    return dir;
  };

  beforeAll(async () => {
    g = await buildGroup();
    const loaded = await (await Ledger.open(g.dir)).load(NOW);
    baseline = loaded.state;
    statements = loaded.checked
      .filter((c) => c.ok === true && c.statement.type !== 'charter')
      .map((c) => c.path);
  }, 120_000);

  afterAll(async () => {
    for (const dir of [...made, dirname(g.dir)]) await rm(dir, { recursive: true, force: true });
  });

  it('starts from a valid group where nothing is quarantined', () => {
    expect(baseline.quarantined).toEqual([]);
    expect(baseline.members.map((m) => m.name)).toEqual(['Fay', 'Ada', 'Bob']);
    expect(baseline.models.map((m) => [m.slug, m.owners.length])).toEqual([['llama', 2]]);
    expect(outcomes(baseline).statuses).toEqual({
      'Add Ada': 'passed',
      'Add Bob': 'passed',
      'Register llama': 'passed',
      'Adopt the code of conduct': 'passed',
      'Relicense llama': 'open',
      'Give Bob 10 of Ada’s shares': 'open',
      'Buy a GPU': 'withdrawn',
      'Meet on Thursdays': 'open',
    });
    expect(baseline.proposals.find((p) => p.id === g.proposals.open)!.votes).toHaveLength(2);
  });

  it('covers every quarantine reason', () => {
    // duplicate-entry is played by its own test below.
    const covered = new Set([...cases.map((c) => c.reason), 'duplicate-entry']);
    const missing = Object.keys(quarantineReasons).filter(
      (r) => !covered.has(r as QuarantineReason),
    );
    expect(missing).toEqual([]);
  });

  for (const { reason, when, attack: make } of cases) {
    it(`${reason} when ${when}`, async () => {
      const attack = make(g);
      const dir = await variant(attack);
      if (attack.fsck) {
        const checked = fsck(dir);
        expect(checked.ok, 'git fsck rejects this tree').toBe(false);
        expect(checked.report).toMatch(attack.fsck);
      }

      if (attack.outcome === 'no-charter') {
        // Over a valid charter, history keeps the first one (docs/format.md §4.3): the group
        // stands. A repo whose only charter is this one has no genesis: its tree, with no past.
        const kept = await (await Ledger.open(dir)).load(NOW);
        expect(outcomes(kept.state)).toEqual(outcomes(baseline));
        expect(kept.rewrites.map((r) => r.path)).toEqual(['charter.json']);
        const tree = git(dir, ['rev-parse', 'main^{tree}']);
        git(dir, ['update-ref', 'refs/heads/main', git(dir, ['commit-tree', tree, '-m', 'only'])]);
      }

      const loading = load(dir);
      await expect(loading, 'loading must not throw').resolves.toBeDefined();
      const state = await loading;

      const voided: Expected[] =
        attack.outcome === 'no-charter'
          ? statements.map((path) => ({ path, reason: 'no-charter' as const }))
          : [];
      expect(pairs(state.quarantined)).toEqual(pairs([...attack.expect, ...voided]));
      if (attack.outcome === 'no-charter') {
        expect(state.group).toBeUndefined();
        expect([state.members, state.models, state.proposals, state.statements]).toEqual([
          [],
          [],
          [],
          0,
        ]);
      } else {
        expect(outcomes(state)).toEqual(outcomes(baseline));
        expect(everythingButQuarantine(state)).toEqual(everythingButQuarantine(baseline));
      }
    });
  }

  it.each(['before', 'after'] as const)(
    'duplicate-entry when a second charter.json entry stands %s the genesis',
    async (side) => {
      // Mallory's own genesis, one minute older than the group's, under the same name.
      const { statement } = JSON.parse(readRepoFile(g, 'charter.json')) as { statement: Fields };
      const members = [{ id: g.mallory.id, name: 'Mallory', key: g.mallory.publicKey }];
      const created = at(-1).toISOString();
      const forged = sign({ ...statement, created, members, nonce: '0'.repeat(32) }, [g.mallory]);
      const dir = await variant({
        plants: [{ path: ['charter.json'], content: forged.text, duplicate: side }],
        expect: [],
      });
      expect(fsck(dir).report).toContain('duplicateEntries');

      const state = await load(dir);
      // Two charters in one tree: neither is trusted, and the repo shows no group at all.
      expect(state.group).toBeUndefined();
      expect(state.members).toEqual([]);
      expect(
        state.quarantined.filter((q) => q.path === 'charter.json').map((q) => q.reason),
      ).toEqual(['duplicate-entry', 'duplicate-entry']);
    },
  );

  it('never lets a backdated key rotation undo decisions already closed', async () => {
    // Ada says she rotated her key at minute 5: every vote she has signed since would turn
    // into wrong-key, including votes closes have counted, unless time in the past is fixed.
    const key = strangerSigner('Ada, new key').publicKey;
    const rotation = sign(stmt(g, 'key-rotation', g.ada, 5, { key, basis: g.head }), [g.ada]);
    const dir = await variant({ plants: [plant(pathOf(rotation), rotation.text)], expect: [] });

    const state = await load(dir);
    const decided = (s: DerivedState) =>
      s.proposals
        .filter((p) => p.winningClose)
        .map(({ title, status, tally, effect }) => ({ title, status, tally, effect }));
    expect(decided(state)).toEqual(decided(baseline));
    expect(state.members.map((m) => m.id)).toEqual(baseline.members.map((m) => m.id));
    expect(state.models).toEqual(baseline.models);
  });
});

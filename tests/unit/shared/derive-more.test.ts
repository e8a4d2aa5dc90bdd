import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckedStatement } from '../../../shared/format/check';
import { memberIdOf } from '../../../shared/format/check';
import { deriveWithMemo, type DeriveInput } from '../../../shared/derive/derive';
import { deriveMore, type DeriveMemo } from '../../../shared/derive/more';
import { nodeCrypto } from '../../../electron/core/crypto';
import { at, deriveFiles, makeSigner, MemoryGroup } from '../../helpers/memory-group';
import { runs } from '../../helpers/runs';

const alice = makeSigner('Alice');
const bob = makeSigner('Bob');
const carol = makeSigner('Carol');
const dave = makeSigner('Dave'); // never a member
const alice2 = makeSigner('Alice, rotated');
const erin = makeSigner('Erin'); // joins by proposal

const hours = (h: number): number => Date.parse(at(h));
const created = (c: CheckedStatement): number => Date.parse(c.statement.created);

/** A small deterministic generator, so that a failing seed replays exactly. */
const random = (seed: number) => {
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return {
    below: (n: number): number => Math.floor(next() * n),
    chance: (p: number): boolean => next() < p,
    pick: <T>(list: T[]): T => list[Math.floor(next() * list.length)]!,
  };
};

/**
 * A group's history, statement by statement: proposals (resolutions, polls, a member joining),
 * votes valid and not (by a stranger, late, early, on options that do not exist), consents,
 * evidence, closes, withdrawals, a key rotation, statements dated ahead of the clock.
 */
const history = (seed: number): MemoryGroup => {
  const r = random(seed);
  const g = new MemoryGroup([alice, bob, carol], { votingPeriod: 24 * 3600 });
  const proposals: { id: string; at: number; author: typeof alice; poll: boolean }[] = [];
  let t = 1;
  const steps = 25 + r.below(20);
  for (let i = 0; i < steps; i++) {
    t += r.below(6);
    const when = r.chance(0.05) ? t + 500 : t; // now and then dated far ahead
    const who = r.pick([alice, bob, carol, alice, bob, carol, dave, erin]);
    const roll = r.below(100);
    if (roll < 22 || proposals.length === 0) {
      const author = r.pick([alice, bob, carol]);
      const kind = r.below(10);
      const id =
        kind < 2
          ? g.propose(author, when, 'poll', { options: ['a', 'b', 'c'], method: 'approval' })
          : kind < 3
            ? g.propose(author, when, 'add-member', { key: erin.publicKey, name: 'Erin' })
            : g.propose(author, when, 'resolution', {});
      proposals.push({ id, at: when, author, poll: kind < 2 });
      continue;
    }
    const p = r.pick(proposals);
    // Mostly within the voting period; sometimes before the proposal or after its deadline.
    const inside = r.chance(0.85) ? p.at + 1 + r.below(22) : r.chance(0.5) ? p.at - 2 : p.at + 30;
    const dated = when === t ? Math.max(inside, 1) : when;
    if (roll < 70) {
      const choice = p.poll
        ? [r.below(r.chance(0.9) ? 3 : 5)]
        : r.pick(['yes', 'no', 'abstain'] as const);
      g.vote(who, dated, p.id, r.chance(0.05) ? 'yes' : choice);
    } else if (roll < 76) g.consent(who, dated, p.id);
    else if (roll < 82) g.evidence(who, dated, p.id);
    else if (roll < 92) g.close(r.pick([alice, bob, carol]), p.at + 24 + r.below(4), p.id);
    else if (roll < 96) g.withdraw(r.chance(0.7) ? p.author : who, dated, p.id);
    else if (!g.files.some((f) => f.path.startsWith('rotations/'))) g.rotate(alice, t, alice2);
  }
  return g;
};

const inputOf = (g: MemoryGroup, checked: CheckResult[], now: number): DeriveInput => ({
  checked,
  basisOf: (commit) => g.commits.get(commit),
  memberIdOf: (key) => memberIdOf(nodeCrypto, key),
  now,
});

/**
 * Takes the statements in as a peer would: a first load, then a few at a time, with the clock
 * moving on. Each step goes through `deriveMore` where it answers, else a full derivation.
 */
const replay = (seed: number): { steps: number; more: number } => {
  const r = random(seed ^ 0x9e3779b9);
  const g = history(seed);
  const checked = g.checked();
  // The order they arrive in: mostly as written, some out of order (a sync bringing older ones).
  const order = checked.map((c, i) => ({ c, key: i + (r.chance(0.2) ? r.below(10) - 5 : 0) }));
  order.sort((a, b) => a.key - b.key);
  const arriving = order.map((o) => o.c);
  const first = 1 + r.below(Math.max(1, arriving.length / 3));
  let now = hours(2 + r.below(20));
  let held = arriving.slice(0, first);
  let { memo } = deriveWithMemo(inputOf(g, held, now));
  let steps = 0;
  let more = 0;
  for (let i = first; i < arriving.length;) {
    const batch = arriving.slice(i, i + 1 + (r.chance(0.2) ? r.below(3) : 0));
    i += batch.length;
    // The clock moves on by seconds, now and then by hours; mostly it is past what arrives.
    now += r.chance(0.1) ? hours(r.below(30)) - hours(0) : r.below(60_000);
    const newest = Math.max(...batch.map((c) => (c.ok === true ? created(c) : 0)));
    if (r.chance(0.9) && newest < hours(400)) now = Math.max(now, newest + r.below(3_600_000));
    held = [...held, ...batch];
    const ok = batch.filter((c): c is CheckedStatement => c.ok === true);
    const quick = memo && ok.length === batch.length ? deriveMore(memo, ok, now) : undefined;
    let next: { state: DeriveMemo['state']; memo?: DeriveMemo };
    if (quick) {
      more++;
      next = quick;
    } else next = deriveWithMemo(inputOf(g, held, now));
    memo = next.memo;
    steps++;
    const full = deriveFiles(held, g.commits, (now - hours(0)) / 3_600_000);
    expect(next.state, `seed ${seed}, step ${steps}`).toEqual(full);
  }
  return { steps, more };
};

describe('deriving more without replaying', () => {
  const RUNS = runs({ quick: 60, soak: 600 });
  it(`gives the state a full derivation gives, whatever arrives and whenever (${RUNS} histories)`, () => {
    let steps = 0;
    let more = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const run = replay(seed);
        steps += run.steps;
        more += run.more;
      }),
      { numRuns: RUNS },
    );
    // The quick path must really be taken (about a fifth of the steps in these histories, which
    // mix in many closes, proposals and passing deadlines), and really be refused.
    expect(more).toBeGreaterThan(steps / 10);
    expect(more).toBeLessThan(steps);
  });

  it('takes a vote on an open proposal, quarantines a stranger, and leaves the rest as it was', () => {
    const g = new MemoryGroup([alice, bob, carol], { votingPeriod: 24 * 3600 });
    const p = g.propose(alice, 1, 'resolution', {});
    const q = g.propose(bob, 2, 'resolution', {});
    const now = hours(5);
    const { state, memo } = deriveWithMemo(inputOf(g, g.checked(), now));
    g.vote(bob, 3, p, 'yes');
    g.vote(dave, 3, p, 'no');
    const added = g.checked(g.files.slice(-2)) as CheckedStatement[];
    const next = deriveMore(memo!, added, now + 1000)!;
    expect(next.state.proposals.find((v) => v.id === p)!.tally).toMatchObject({ yes: 1, no: 0 });
    expect(next.state.quarantined.map((x) => [x.reason, x.author])).toEqual([
      ['non-member', dave.id],
    ]);
    expect(next.state.statements).toBe(state.statements + 1);
    // The other proposal's view is the very object it was: nothing about it was judged again.
    expect(next.state.proposals.find((v) => v.id === q)).toBe(
      state.proposals.find((v) => v.id === q),
    );
    // The memo it started from still gives the state before the vote.
    expect(memo!.state).toBe(state);
    expect(deriveMore(memo!, [], now + 1000)!.state.proposals[0]!.tally).toMatchObject({ yes: 0 });
  });

  it('leaves to a full derivation a close, a new proposal, a duplicate and a deadline passed', () => {
    const g = new MemoryGroup([alice, bob, carol], { votingPeriod: 24 * 3600 });
    const p = g.propose(alice, 1, 'resolution', {});
    const v = g.vote(alice, 2, p, 'yes');
    const { memo } = deriveWithMemo(inputOf(g, g.checked(), hours(3)));
    const again = g.checked(g.files.filter((f) => f.id === v)) as CheckedStatement[];
    expect(deriveMore(memo!, again, hours(3))).toBeUndefined();
    g.close(bob, 26, p);
    expect(
      deriveMore(memo!, g.checked(g.files.slice(-1)) as CheckedStatement[], hours(27)),
    ).toBeUndefined();
    g.propose(bob, 3, 'resolution', {});
    expect(
      deriveMore(memo!, g.checked(g.files.slice(-1)) as CheckedStatement[], hours(4)),
    ).toBeUndefined();
    g.vote(bob, 4, p, 'no');
    const vote = g.checked(g.files.slice(-1)) as CheckedStatement[];
    expect(deriveMore(memo!, vote, hours(4))).toBeDefined();
    // Past p's deadline it becomes closable: the clock reached the horizon.
    expect(deriveMore(memo!, vote, hours(25) + 1)).toBeUndefined();
    // A clock that went back is not trusted to keep the state either.
    expect(deriveMore(memo!, vote, hours(2))).toBeUndefined();
  });
});

/**
 * Convergence: 3 to 5 peers of one group write proposals, votes, closes and certifications
 * offline (now and then a forged statement too), sync in random pairs by random routes, then
 * around a ring until everything has reached everyone. Whatever the schedule, every peer must end
 * holding every file anyone wrote (forged ones quarantined, never counted, never dropped) and
 * derive the same state; and no sync may ever take a file away from a peer.
 *
 * 100 schedules in `npm test`, 1,000 in `test:soak`, 10,000 with STEWARD_LONG=1. Keys and clocks
 * are fixed: STEWARD_SEED=<seed> STEWARD_PATH=<path>, as a failure prints them, replay it.
 */
import fc from 'fast-check';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statement } from '../../shared/format/types';
import type { Signer } from '../../electron/core/identity/keystore';
import { at } from '../helpers/memory-group';
import {
  foundTemplate,
  namedSigner,
  Network,
  scratchDir,
  spawnPeers,
  type Forgery,
  type Route,
  type Template,
} from '../helpers/peers';
import { runs } from '../helpers/runs';

const RUNS = runs({ quick: 100, soak: 1_000, long: 10_000 });
/** Schedules write within their first days; the verifier's clock is long after. */
const NOW = new Date(at(1000));
const VOTING_HOURS = 24;
/** The git CLI costs more than a whole schedule: it checks every this many, and the last. */
const GIT_EVERY = 50;
/** A valid key the group has never heard of. */
const STRANGER = namedSigner('Stranger');

const peer = fc.nat({ max: 4 });
const pick = fc.nat({ max: 99 });
// A sync over HTTP costs several times one by folder or bundle (isomorphic-git at both ends, a
// derivation to check the pusher): it gets one sync in five.
const route = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Route>('folder') },
  { weight: 2, arbitrary: fc.constant<Route>('bundle') },
  { weight: 1, arbitrary: fc.constant<Route>('http') },
);
const method = fc.constantFrom('approval' as const, 'ranked' as const);
const poll = fc.record({ options: fc.integer({ min: 2, max: 4 }), method });
const flaw = fc.constantFrom<Forgery['reason']>('non-member', 'bad-signature', 'id-mismatch');
const [other, incremental] = [fc.nat({ max: 3 }), fc.boolean()];
const vote = fc.record({ op: fc.constant('vote' as const), peer, pick, ballot: pick });
const sync = fc.record({ op: fc.constant('sync' as const), peer, other, route, incremental });
const ops = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('propose' as const), peer }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('propose' as const), peer, poll }) },
  { weight: 4, arbitrary: vote },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), peer, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('certify' as const), peer, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('forge' as const), peer, pick, flaw }) },
  { weight: 6, arbitrary: sync },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('load' as const), peer }) },
);
/** Peers are numbers taken modulo the schedule's size, so that schedules shrink freely. */
const schedules = fc.record({
  size: fc.integer({ min: 3, max: 5 }),
  ops: fc.array(ops, { minLength: 4, maxLength: 12 }),
  final: fc.array(route, { minLength: 8, maxLength: 8 }),
});
type Schedule = typeof schedules extends fc.Arbitrary<infer S> ? S : never;
type Poll = typeof poll extends fc.Arbitrary<infer P> ? P : never;

/**
 * Found by this test: two votes arrive after a close, and peers on one head listed them in
 * `notCounted` in different orders. Derivation keeps the order in which it is given the files, and
 * a load gave first those its check cache knew, which differs from peer to peer.
 */
const lateVotes: Schedule = {
  size: 5,
  ops: [
    { op: 'propose', peer: 3 },
    { op: 'sync', peer: 1, other: 1, route: 'bundle', incremental: false },
    { op: 'sync', peer: 4, other: 3, route: 'http', incremental: false },
    { op: 'close', peer: 3, pick: 0 },
    { op: 'vote', peer: 4, pick: 0, ballot: 0 },
    { op: 'vote', peer: 1, pick: 0, ballot: 0 },
  ],
  final: ['bundle', 'bundle', 'bundle', 'http', 'folder', 'folder', 'bundle', 'bundle'],
};

const partner = (s: Schedule, p: number, other: number): number =>
  (p + 1 + (other % (s.size - 1))) % s.size;

/** One line per step, for a failure report. */
const render = (s: Schedule): string =>
  [
    `${s.size} peers`,
    ...s.ops.map((o, k) => {
      const { op, peer: p, ...rest } = o;
      const who = `P${p % s.size}`;
      if (o.op !== 'sync') return `${k}: ${who} ${op} ${JSON.stringify(rest)}`;
      const how = `${o.route}${o.incremental ? ', incremental' : ''}`;
      return `${k}: ${who} syncs with P${partner(s, p, o.other)} (${how})`;
    }),
    `then around the ring by ${s.final.slice(0, 2 * s.size - 2).join(' ')}`,
  ].join('\n');

type Of<T extends Statement['type']> = Extract<Statement, { type: T }>;

const hoursOf = (created: string): number => (Date.parse(created) - Date.parse(at(0))) / 3600_000;

const ballot = (p: Of<'proposal'>, n: number): object => {
  if (p.kind !== 'poll') return { choice: (['yes', 'no', 'abstain'] as const)[n % 3] };
  const { length } = p.params.options;
  const all = Array.from({ length }, (_, i) => i);
  if (p.params.method === 'ranked') return { options: all.map((i) => (i + n) % length) };
  const chosen = (n % (2 ** length - 1)) + 1;
  return { options: all.filter((i) => chosen & (1 << i)) };
};

/**
 * What the members of one schedule write, as Steward's own actions would let them: they vote and
 * close only on proposals they hold, close only while they know of no close, and each vote
 * replaces the member's previous one on that proposal. Step `k` is dated `k + 1` hours in.
 */
class World extends Network {
  private readonly lastVote = new Map<string, string>();
  private readonly certified = new Set<string>();

  private held<T extends Statement['type']>(p: number, type: T) {
    return [...this.seen[p]!.keys()].flatMap((path) => {
      const w = this.written.get(path);
      const st = w?.statement;
      return st?.type === type && !w!.reason ? [{ id: w!.id, st: st as Of<T> }] : [];
    });
  }

  /** The proposals peer `p` holds and knows no close of. */
  private open(p: number) {
    const closed = new Set(this.held(p, 'close').map((c) => c.st.proposal));
    return this.held(p, 'proposal').filter((x) => !closed.has(x.id));
  }

  private base(p: number, hours: number, author = this.peers[p]!.signer) {
    const { group } = this.template;
    return { format: 'steward/1', group, author: author.id, created: at(hours) } as const;
  }

  propose(p: number, k: number, poll?: Poll, author?: Signer): Statement {
    const options = Array.from({ length: poll?.options ?? 0 }, (_, i) => `option ${i}`);
    const kind = poll ? 'poll' : 'resolution';
    const params = poll ? { options, method: poll.method } : {};
    const title = `step ${k} by ${this.peers[p]!.name}`;
    const fields = { type: 'proposal', kind, title, body: '', params };
    return { ...this.base(p, k + 1, author), ...fields } as Statement;
  }

  async vote(p: number, k: number, pick: number, n: number): Promise<void> {
    const open = this.open(p);
    if (open.length === 0) return void (await this.append(p, this.propose(p, k)));
    const { id: proposal, st } = open[pick % open.length]!;
    const replaces = this.lastVote.get(`${p} ${proposal}`);
    const vote = { type: 'vote', proposal, ...(replaces ? { replaces } : {}), ...ballot(st, n) };
    const id = await this.append(p, { ...this.base(p, k + 1), ...vote } as Statement);
    this.lastVote.set(`${p} ${proposal}`, id);
  }

  /** A close dated after the deadline, made on the peer's head. */
  async close(p: number, k: number, pick: number): Promise<void> {
    const open = this.open(p);
    if (open.length === 0) return this.vote(p, k, pick, pick);
    const { id: proposal, st } = open[pick % open.length]!;
    const basis = (await this.peers[p]!.ledger.head())!;
    const created = hoursOf(st.created) + VOTING_HOURS + k + 1;
    await this.append(p, { ...this.base(p, created), type: 'close', proposal, basis });
  }

  async certify(p: number, k: number, pick: number): Promise<void> {
    const closes = this.held(p, 'close').filter((c) => !this.certified.has(`${p} ${c.id}`));
    if (closes.length === 0) return this.close(p, k, pick);
    const { id: close, st } = closes[pick % closes.length]!;
    const created = hoursOf(st.created) + k + 1;
    const certification = { type: 'certification', proposal: st.proposal, close } as const;
    await this.append(p, { ...this.base(p, created), ...certification });
    this.certified.add(`${p} ${close}`);
  }

  /** A stranger's vote (or proposal), a proposal with a broken signature, or a misfiled one. */
  async forge(p: number, k: number, pick: number, flaw: Forgery['reason']): Promise<void> {
    const open = this.open(p);
    if (flaw !== 'non-member')
      return void (await this.append(p, this.propose(p, k), { reason: flaw }));
    const [by, target] = [STRANGER, open[pick % open.length]];
    const vote = { type: 'vote', proposal: target?.id, choice: 'yes' };
    const statement = target
      ? { ...this.base(p, k + 1, by), ...vote }
      : this.propose(p, k, undefined, by);
    await this.append(p, statement as Statement, { reason: flaw, by });
  }
}

const play = async (world: World, s: Schedule): Promise<void> => {
  for (const [k, o] of s.ops.entries()) {
    const p = o.peer % s.size;
    if (o.op === 'propose')
      await world.append(p, world.propose(p, k, 'poll' in o ? o.poll : undefined));
    else if (o.op === 'vote') await world.vote(p, k, o.pick, o.ballot);
    else if (o.op === 'close') await world.close(p, k, o.pick);
    else if (o.op === 'certify') await world.certify(p, k, o.pick);
    else if (o.op === 'forge') await world.forge(p, k, o.pick, o.flaw);
    else if (o.op === 'load') await world.load(p);
    else await world.sync(p, partner(s, p, o.other), o.route, o.incremental);
  }
  // Around the ring, both ways at each step, and on until what the first lap gathered reaches
  // everyone: 2n − 2 steps, after which every peer is on one head.
  for (let i = 0; i < 2 * s.size - 2; i++) {
    const [a, b, via] = [i % s.size, (i + 1) % s.size, s.final[i]!];
    await world.sync(a, b, via, true);
    if (via === 'bundle') await world.sync(b, a, via, true);
  }
};

const expectConverged = async (world: World): Promise<void> => {
  const { peers, written, template } = world;
  const everything = new Map([[template.charter.path, template.charter.oid]]);
  for (const w of written.values()) everything.set(w.path, w.oid);
  for (const [p, { name }] of peers.entries()) {
    expect(await world.observe(p), `the files ${name} holds`).toEqual(everything);
  }
  const heads = await Promise.all(peers.map((p) => p.ledger.head()));
  expect(new Set(heads).size, 'the number of heads').toBe(1);
  // Each load also checks that the peer quarantines exactly the forged files, for their flaws.
  const states = [];
  for (const p of peers.keys()) states.push(await world.load(p));
  for (const [i, state] of states.entries()) {
    expect(state, `the state ${peers[i]!.name} derives`).toEqual(states[0]);
  }
  const state = states[0]!;
  const all = [...written.values()];
  const proposals = all.filter((w) => w.statement.type === 'proposal' && !w.reason);
  expect(state.proposals.map((p) => p.id).sort()).toEqual(proposals.map((w) => w.id).sort());
  const voters = state.proposals.flatMap((p) => p.votes.map((v) => v.voter));
  expect(voters, 'the voters counted').not.toContain(STRANGER.id);
};

describe('sync between peers', () => {
  const templates = new Map<number, Template>();
  let root: string;

  beforeAll(async () => {
    root = await scratchDir('steward-convergence-');
    for (const size of [3, 4, 5]) templates.set(size, await foundTemplate(`${root}/${size}`, size));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  /** Plays a schedule on fresh peers; a failure names the schedule, step by step. */
  const check = async (s: Schedule, withGit: boolean): Promise<void> => {
    const template = templates.get(s.size)!;
    const scratch = await scratchDir('steward-schedule-');
    const world = new World(template, await spawnPeers(template, scratch), scratch, NOW);
    try {
      await play(world, s);
      await expectConverged(world);
      if (withGit) expect(world.gitProblems()).toEqual([]);
    } catch (error) {
      throw new Error(`schedule:\n${render(s)}\n\n${String(error)}`, { cause: error });
    } finally {
      await world.stop();
      await rm(scratch, { recursive: true, force: true });
    }
  };

  it('derives one state on peers at one head, whatever each of them loaded before', () =>
    check(lateVotes, true));

  it(
    `ends with every peer holding every statement and deriving one state, whatever the schedule (${RUNS} schedules)`,
    async () => {
      const times: number[] = [];
      const property = fc.asyncProperty(schedules, async (s) => {
        const started = performance.now();
        await check(s, (times.length + 1) % GIT_EVERY === 0 || times.length + 1 === RUNS);
        times.push(performance.now() - started);
      });
      const { STEWARD_SEED: seed, STEWARD_PATH: path } = process.env;
      await fc.assert(property, {
        // A path replays one schedule (and its shrinking), as a failure printed it.
        numRuns: path ? 1 : RUNS,
        // A schedule that hangs fails with its seed (slow is no hang: the bound is generous).
        timeout: 300_000,
        ...(seed ? { seed: Number(seed) } : {}),
        ...(path ? { path } : {}),
      });
      const mean = (times.reduce((a, b) => a + b, 0) / times.length).toFixed(0);
      const p95 = times.sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!.toFixed(0);
      console.log(`${times.length} schedules: mean ${mean} ms, p95 ${p95} ms`);
    },
    600_000 + RUNS * 10_000, // a guard against a hang, not a speed budget
  );
});

/**
 * Stage two of verification, and the whole of derivation: from the statements that passed stage
 * one, replay the group's history in time order — membership, charter, models — judging each
 * proposal under the state in force when it opened. Pure: the same statements (and the same basis
 * trees) give the same state on every peer, whatever order the files were read in.
 */
import type { Charter } from '../charter';
import type { CheckResult, CheckedStatement, Quarantined } from '../format/check';
import { modelKinds } from '../format/kinds';
import type { CharterStatement, ProposalStatement, PublicKey } from '../format/types';
import { applyEffect, type Ledger } from './effects';
import {
  emptyChildren,
  evaluateProposal,
  type BasisLookup,
  type Children,
  type Snapshot,
} from './evaluate';
import { authorOf } from './ballots';
import { Heap } from './heap';
import { Layered } from './layered';
import { buildKeyBook } from './keys';
import type { DeriveMemo } from './more';
import { childFolder, membersAt, quarantinedOf, sortQ } from './parts';
import { paramsProblem } from './preconditions';
import type { DerivedState, ProposalView } from './state';

export type DeriveInput = {
  checked: CheckResult[];
  basisOf: BasisLookup;
  memberIdOf: (key: PublicKey) => string;
  /** The verifier's clock, in ms. Statements dated later than now + skew are held back. */
  now: number;
  skewMs?: number;
};

type Event =
  | { at: number; order: 0; id: string; apply: () => void }
  | { at: number; order: 1; id: string; entry: CheckedStatement };

/** The group's state from its statements. */
export const derive = (input: DeriveInput): DerivedState => deriveWithMemo(input).state;

/**
 * `derive`, keeping what `deriveMore` needs to add statements to the result without replaying
 * the whole history (none when there is no charter: nothing to add to).
 */
export const deriveWithMemo = (input: DeriveInput): { state: DerivedState; memo?: DeriveMemo } => {
  const skew = input.skewMs ?? 5 * 60_000;
  // When the clock alone would next change the state: a deadline passing, or a statement dated
  // ahead of the clock coming into its time.
  let horizon = Infinity;
  const until = (t: number): void => {
    if (t > input.now && t < horizon) horizon = t;
  };
  const quarantined: Quarantined[] = [];
  const ok: CheckedStatement[] = [];
  const seen = new Set<string>();
  for (const c of input.checked) {
    if (c.ok === false) quarantined.push(c);
    else if (c.ok === true && seen.has(c.id)) {
      // The same statement twice (a tree repeating a name): the copy adds nothing.
      quarantined.push({
        ok: false,
        path: c.path,
        reason: 'duplicate-entry',
        detail: 'a second copy of a statement',
        id: c.id,
      });
    } else if (c.ok === true) {
      seen.add(c.id);
      ok.push(c);
    }
  }
  let rejected = 0;
  const quarantine = (s: CheckedStatement, reason: Quarantined['reason'], detail: string): void => {
    rejected++;
    quarantined.push(quarantinedOf(s, reason, detail));
  };

  const charters = ok.filter((s) => s.statement.type === 'charter');
  // Git trees never hold one name twice; a hostile tree that does gets no genesis at all.
  if (charters.length > 1) {
    for (const c of charters)
      quarantine(c, 'duplicate-entry', 'two different charters (tree or history): no genesis');
  }
  const genesisEntry = charters.length === 1 ? charters[0] : undefined;
  if (!genesisEntry) {
    for (const s of ok)
      if (s.statement.type !== 'charter')
        quarantine(s, 'no-charter', 'the repo has no valid genesis charter');
    return {
      state: {
        members: [],
        models: [],
        proposals: [],
        quarantined: sortQ(quarantined),
        statements: 0,
      },
    };
  }
  const genesis = genesisEntry.statement as CharterStatement;
  const groupId = genesisEntry.id;
  const founded = Date.parse(genesis.created);

  const proposals = new Map<string, CheckedStatement>();
  const children = new Map<string, Children>();
  const rotations: CheckedStatement[] = [];
  for (const s of ok) {
    const st = s.statement;
    if (st.type === 'charter') continue;
    const at = Date.parse(st.created);
    if (st.group !== groupId) quarantine(s, 'wrong-group', `signed for group ${st.group}`);
    else if (at < founded)
      quarantine(s, 'before-genesis', `dated ${st.created}, before the charter`);
    else if (at > input.now + skew) {
      quarantine(s, 'future-dated', `dated ${st.created}, later than this machine's clock`);
      until(at - skew);
    } else if (st.type === 'proposal') proposals.set(s.id, s);
    else if (st.type === 'key-rotation') rotations.push(s);
    else {
      const kids = children.get(st.proposal) ?? emptyChildren();
      kids[childFolder[st.type]].push(s);
      children.set(st.proposal, kids);
    }
  }

  const initialKeys = new Map<string, PublicKey>(genesis.members.map((m) => [m.id, m.key]));
  for (const s of proposals.values()) {
    const st = s.statement as ProposalStatement;
    if (st.kind === 'add-member') initialKeys.set(input.memberIdOf(st.params.key), st.params.key);
  }
  const keys = buildKeyBook(initialKeys, rotations, input.basisOf, quarantine);

  const ledger: Ledger = {
    charter: {
      name: genesis.name,
      rules: genesis.rules,
      requireApproval: genesis.requireApproval,
      readAccess: 'anyone',
    },
    members: new Map(
      genesis.members.map((m) => [
        m.id,
        { id: m.id, name: m.name, joined: genesis.created, addedBy: groupId },
      ]),
    ),
    models: new Map(),
  };

  const events = new Heap<Event>(
    (a, b) => (a.at - b.at || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) < 0,
  );
  for (const s of proposals.values())
    events.push({ at: Date.parse(s.statement.created), order: 1, id: s.id, entry: s });

  const views = new Map<string, ProposalView>();
  const snaps = new Map<string, Snapshot>();
  // What judging each open proposal quarantined, to be taken back when it is judged again.
  const quarantinedBy = new Map<string, Quarantined[]>();
  const rejectChildren = (pid: string, detail: string): void => {
    const kids = children.get(pid);
    if (!kids) return;
    for (const list of Object.values(kids))
      for (const s of list) quarantine(s, 'unknown-proposal', detail);
  };

  for (let event = events.pop(); event; event = events.pop()) {
    if (event.order === 0) {
      event.apply();
      continue;
    }
    const entry = event.entry;
    const p = entry.statement as ProposalStatement;
    if (!ledger.members.has(p.author)) {
      quarantine(entry, 'non-member', 'the author was not a member when it was proposed');
      rejectChildren(entry.id, 'its proposal is quarantined');
      continue;
    }
    if (!keys.valid(p.author, entry)) {
      quarantine(entry, 'wrong-key', "not signed by the author's key in force");
      rejectChildren(entry.id, 'its proposal is quarantined');
      continue;
    }
    const problem = paramsProblem(ledger, p, input.memberIdOf);
    if (problem) {
      quarantine(entry, 'invalid-params', problem);
      rejectChildren(entry.id, 'its proposal is quarantined');
      continue;
    }
    const snap = snapshot(ledger, p, event.at);
    const mine: Quarantined[] = [];
    const view = evaluateProposal(
      entry,
      snap,
      children.get(entry.id) ?? emptyChildren(),
      keys,
      input.basisOf,
      input.now,
      (s, reason, detail) => {
        quarantine(s, reason, detail);
        mine.push(quarantined[quarantined.length - 1]!);
      },
    );
    views.set(entry.id, view);
    snaps.set(entry.id, snap);
    if (view.status === 'open') {
      quarantinedBy.set(entry.id, mine);
      until(snap.deadline);
      until(event.at);
    }
    const winner = view.closes.find((c) => c.id === view.winningClose);
    if (view.status === 'passed' && winner) {
      const at = Math.max(Date.parse(winner.created), event.at);
      const iso = new Date(at).toISOString();
      events.push({
        at,
        order: 0,
        id: entry.id,
        apply: () => {
          view.effect = { ...applyEffect(ledger, p, entry.id, iso, input.memberIdOf), at: iso };
        },
      });
    }
  }
  for (const pid of children.keys()) {
    if (proposals.has(pid)) continue;
    rejectChildren(
      pid,
      isQuarantinedProposal(quarantined, pid)
        ? 'its proposal is quarantined'
        : `proposal ${pid} is not in the repo`,
    );
  }

  const memberList = [...ledger.members.values()];
  const charter: Charter = ledger.charter;
  const sortedViews = [...views.values()].sort((a, b) =>
    a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1,
  );
  const state: DerivedState = {
    group: { id: groupId, name: charter.name, created: genesis.created },
    charter,
    members: membersAt(memberList, keys, initialKeys, input.now),
    models: [...ledger.models.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1)),
    proposals: sortedViews,
    quarantined: sortQ(quarantined),
    statements: ok.length - rejected,
  };
  return {
    state,
    memo: {
      input: { ...input, skewMs: skew },
      state,
      groupId,
      founded,
      horizon,
      seen: Layered.of([...seen].map((id) => [id, true] as const)),
      proposals,
      children: Layered.of(children),
      snaps,
      quarantinedBy: Layered.of(quarantinedBy),
      keys,
      rotated: new Set(rotations.map((r) => authorOf(r))),
      memberList,
      initialKeys,
      index: new Map(sortedViews.map((v, i) => [v.id, i])),
    },
  };
};

const isQuarantinedProposal = (q: Quarantined[], pid: string): boolean =>
  q.some((x) => x.id === pid && x.type === 'proposal');

const snapshot = (ledger: Ledger, p: ProposalStatement, opened: number): Snapshot => {
  const rule = ledger.charter.rules[p.kind];
  const model =
    modelKinds.includes(p.kind) && 'model' in p.params
      ? ledger.models.get(p.params.model)
      : undefined;
  const shares = new Map(model?.owners.map((o) => [o.member, o.shares]) ?? []);
  const candidates =
    rule.electorate === 'owners' && model ? [...shares.keys()] : [...ledger.members.keys()];
  const voters = new Map<string, number>();
  for (const member of candidates) {
    if (!ledger.members.has(member)) continue;
    const weight = rule.weight === 'shares' && model ? (shares.get(member) ?? 0) : 1;
    if (weight > 0) voters.set(member, weight);
  }
  return {
    rule,
    deadline: opened + rule.votingPeriod * 1000,
    voters,
    total: [...voters.values()].reduce((a, b) => a + b, 0),
    members: new Set(ledger.members.keys()),
  };
};

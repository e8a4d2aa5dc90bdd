/**
 * Adding statements to a derived state without replaying the history. A vote, a consent or a
 * piece of evidence on a proposal that is still open changes that proposal's view alone: no
 * effect has been applied for it, and nothing else reads its children. So for those the view is
 * judged again from the snapshot taken when it opened, and the rest of the state is kept. Anything
 * else (a close, a withdrawal, a new proposal, a rotation, a statement by a member who rotated
 * keys, one dated ahead of the clock, or a clock past the next deadline) is left to `derive`,
 * which `deriveMore` answers with undefined. Either way the state is the one `derive` would give:
 * a property test holds the two to it.
 */
import type { CheckedStatement, Quarantined } from '../format/check';
import type { PublicKey } from '../format/types';
import { authorOf } from './ballots';
import type { DeriveInput } from './derive';
import { childFolder, membersAt, quarantinedOf, sortQ } from './parts';
import { emptyChildren, evaluateProposal, type Children, type Snapshot } from './evaluate';
import type { KeyBook } from './keys';
import type { Layered } from './layered';
import type { DerivedState, MemberView } from './state';

export type DeriveMemo = {
  input: DeriveInput & { skewMs: number };
  state: DerivedState;
  groupId: string;
  founded: number;
  /** The first time after `input.now` at which the clock alone changes the state. */
  horizon: number;
  /** Ids of every statement that passed stage one. */
  seen: Layered<string, true>;
  /** The proposals judged, by id. */
  proposals: ReadonlyMap<string, CheckedStatement>;
  children: Layered<string, Children>;
  snaps: ReadonlyMap<string, Snapshot>;
  /** For each open proposal, what judging it quarantined. */
  quarantinedBy: Layered<string, Quarantined[]>;
  keys: KeyBook;
  /**
   * Members who signed a key rotation: whether their statements count may hang on what its basis
   * held, which a caller reading bases ahead of time has not read for statements new to it.
   */
  rotated: ReadonlySet<string>;
  memberList: Omit<MemberView, 'publicKey'>[];
  initialKeys: Map<string, PublicKey>;
  /** Each proposal view's place in `state.proposals`. */
  index: ReadonlyMap<string, number>;
};

const addable = new Set(['vote', 'consent', 'evidence']);

/**
 * The state with `added` (statements that passed stage one) taken in at clock `now`, or
 * undefined when only a full derivation can say. Leaves `memo` as it was.
 */
export const deriveMore = (
  memo: DeriveMemo,
  added: CheckedStatement[],
  now: number,
): { state: DerivedState; memo: DeriveMemo } | undefined => {
  const { state, input } = memo;
  if (now < input.now || now >= memo.horizon) return undefined;
  const byProposal = new Map<string, CheckedStatement[]>();
  const ids = new Set<string>();
  for (const s of added) {
    const st = s.statement;
    if (!addable.has(st.type) || !('proposal' in st)) return undefined;
    const at = Date.parse(st.created);
    if (st.group !== memo.groupId || at < memo.founded || at > now + input.skewMs) return undefined;
    if (memo.seen.has(s.id) || ids.has(s.id) || memo.rotated.has(authorOf(s))) return undefined;
    const place = memo.index.get(st.proposal);
    if (place === undefined || state.proposals[place]!.status !== 'open') return undefined;
    ids.add(s.id);
    const list = byProposal.get(st.proposal) ?? [];
    list.push(s);
    byProposal.set(st.proposal, list);
  }

  const proposals = [...state.proposals];
  const children = new Map<string, Children>();
  const quarantinedBy = new Map<string, Quarantined[]>();
  const dropped = new Set<Quarantined>();
  const fresh: Quarantined[] = [];
  for (const [pid, list] of byProposal) {
    // New arrays: the memo's stay as they were.
    const before = memo.children.get(pid) ?? emptyChildren();
    const kids: Children = {
      ...before,
      votes: [...before.votes],
      consents: [...before.consents],
      evidence: [...before.evidence],
    };
    for (const s of list)
      kids[childFolder[s.statement.type as 'vote' | 'consent' | 'evidence']].push(s);
    const mine: Quarantined[] = [];
    const place = memo.index.get(pid)!;
    const view = evaluateProposal(
      memo.proposals.get(pid)!,
      memo.snaps.get(pid)!,
      kids,
      memo.keys,
      input.basisOf,
      now,
      (s, reason, detail) => mine.push(quarantinedOf(s, reason, detail)),
    );
    if (view.status !== 'open') return undefined;
    for (const q of memo.quarantinedBy.get(pid) ?? []) dropped.add(q);
    fresh.push(...mine);
    children.set(pid, kids);
    quarantinedBy.set(pid, mine);
    proposals[place] = view;
  }
  // Every other open proposal is as it was: the clock has not reached the horizon, where the
  // first of their deadlines (or opening times) lies.
  const quarantined = sortQ([...state.quarantined.filter((q) => !dropped.has(q)), ...fresh]);
  const next: DerivedState = {
    ...state,
    members: membersAt(memo.memberList, memo.keys, memo.initialKeys, now),
    proposals,
    quarantined,
    statements: state.statements + added.length - fresh.length + dropped.size,
  };
  return {
    state: next,
    memo: {
      ...memo,
      input: { ...input, now },
      state: next,
      seen: memo.seen.with([...ids].map((id) => [id, true] as const)),
      children: memo.children.with(children),
      quarantinedBy: memo.quarantinedBy.with(quarantinedBy),
    },
  };
};

/**
 * Which key speaks for which member, and when. A member's id is the hash of their first key. A
 * key rotation, signed by the key in force, names the commit it was made on (its basis) and ends
 * the old key's window at its time: a statement signed with the old key stays valid if it is dated
 * before the rotation or if the rotation's basis already held it, so a backdated rotation cannot
 * void what was signed before it. A rotation away from a key whose basis already holds another
 * rotation away from it is refused. Two rotations away from one key that did not see each other (a
 * thief with a stale copy, or a fork) are both refused, and the old key ends at the earlier of
 * them: the member is frozen until the group re-admits them with a new key.
 */
import type { CheckedStatement, Quarantined } from '../format/check';
import type { KeyRotationStatement, PublicKey } from '../format/types';
import { scopeOf, type BasisLookup } from './basis';

type Window = { key: PublicKey; from: number; to: number; endedBy: string[] };

export type KeyBook = {
  /** True when statement `s` by `member` is validly signed by the key that signed it. */
  valid: (member: string, s: CheckedStatement) => boolean;
  /** The member's key at time `at`, if they have one. */
  keyAt: (member: string, at: number) => PublicKey | undefined;
};

const byTimeThenId = (a: CheckedStatement, b: CheckedStatement): number =>
  a.statement.created < b.statement.created
    ? -1
    : a.statement.created > b.statement.created
      ? 1
      : a.id < b.id
        ? -1
        : 1;

export const buildKeyBook = (
  initialKeys: Map<string, PublicKey>,
  rotations: CheckedStatement[],
  basisOf: BasisLookup,
  quarantine: (s: CheckedStatement, reason: Quarantined['reason'], detail: string) => void,
): KeyBook => {
  const windows = new Map<string, Window[]>();
  for (const [member, key] of initialKeys)
    windows.set(member, [{ key, from: -Infinity, to: Infinity, endedBy: [] }]);
  const byAuthor = new Map<string, CheckedStatement[]>();
  for (const r of rotations) {
    const author = (r.statement as KeyRotationStatement).author;
    byAuthor.set(author, [...(byAuthor.get(author) ?? []), r]);
  }
  for (const [author, list] of byAuthor) {
    const chain = windows.get(author);
    if (!chain) {
      for (const r of list) quarantine(r, 'non-member', 'no member has this id');
      continue;
    }
    const pending = [...list].sort(byTimeThenId);
    while (pending.length > 0) {
      const current = chain[chain.length - 1]!;
      if (current.to !== Infinity) break;
      const candidates = pending.filter(
        (r) => r.signers[0] === current.key && Date.parse(r.statement.created) >= current.from,
      );
      if (candidates.length === 0) break;
      // A rotation made on a commit that already held another rotation away from the same key
      // was made by someone who knew that key was gone: it is refused, the other stands.
      const fromCurrent = candidates.filter((r) => {
        const seen = basisOf((r.statement as KeyRotationStatement).basis, 'rotations');
        const late = candidates.some((o) => o !== r && seen?.has(o.id));
        if (late) {
          quarantine(r, 'rotation-conflict', 'made after another rotation away from the same key');
          pending.splice(pending.indexOf(r), 1);
        }
        return !late;
      });
      if (fromCurrent.length === 0) break;
      const first = fromCurrent[0]!;
      current.to = Date.parse(first.statement.created);
      current.endedBy = fromCurrent.map((r) => (r.statement as KeyRotationStatement).basis);
      for (const r of fromCurrent) pending.splice(pending.indexOf(r), 1);
      const st = first.statement as KeyRotationStatement;
      if (fromCurrent.length > 1) {
        for (const r of fromCurrent)
          quarantine(
            r,
            'rotation-conflict',
            'another rotation away from the same key exists; the member is frozen',
          );
      } else if (chain.some((w) => w.key === st.key)) {
        quarantine(first, 'rotation-conflict', 'a rotation back to a key already used');
      } else if (!basisOf(st.basis, 'rotations')) {
        quarantine(first, 'unknown-basis', `commit ${st.basis} is not in the repo`);
        current.endedBy = [];
      } else {
        chain.push({ key: st.key, from: current.to, to: Infinity, endedBy: [] });
      }
    }
    for (const r of pending) quarantine(r, 'wrong-key', "not signed by the member's key in force");
  }
  const held = (s: CheckedStatement, commit: string): boolean =>
    basisOf(commit, scopeOf(s))?.has(s.id) ?? false;
  return {
    valid: (member, s) => {
      const at = Date.parse(s.statement.created);
      const key = s.signers[0];
      return (windows.get(member) ?? []).some(
        (w) =>
          w.key === key && w.from <= at && (at < w.to || w.endedBy.some((basis) => held(s, basis))),
      );
    },
    keyAt: (member, at) => windows.get(member)?.find((w) => w.from <= at && at < w.to)?.key,
  };
};

/**
 * Which key speaks for which member, and when. A member's id is the hash of their first key; a
 * key rotation signed by the key in force ends that key's window at the rotation's time.
 */
import type { CheckedStatement, Quarantined } from '../format/check';
import type { KeyRotationStatement, PublicKey } from '../format/types';

type Window = { key: PublicKey; from: number; to: number };

export type KeyBook = {
  /** True when `key` was `member`'s key at time `at` (ms). */
  valid: (member: string, key: PublicKey, at: number) => boolean;
  /** The member's key at time `at`, if they have one. */
  keyAt: (member: string, at: number) => PublicKey | undefined;
  known: (member: string) => boolean;
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
  quarantine: (s: CheckedStatement, reason: Quarantined['reason'], detail: string) => void,
): KeyBook => {
  const windows = new Map<string, Window[]>();
  for (const [member, key] of initialKeys)
    windows.set(member, [{ key, from: -Infinity, to: Infinity }]);
  for (const r of [...rotations].sort(byTimeThenId)) {
    const st = r.statement as KeyRotationStatement;
    const chain = windows.get(st.author);
    if (!chain) {
      quarantine(r, 'non-member', 'no member has this id');
      continue;
    }
    const at = Date.parse(st.created);
    const current = chain[chain.length - 1]!;
    const signer = r.signers[0];
    if (signer === current.key && at >= current.from && !chain.some((w) => w.key === st.key)) {
      current.to = at;
      chain.push({ key: st.key, from: at, to: Infinity });
    } else if (chain.some((w) => w.key === signer)) {
      quarantine(
        r,
        'rotation-conflict',
        'signed by a key that was already rotated away, or back to an old key',
      );
    } else {
      quarantine(r, 'wrong-key', "not signed by the member's key in force");
    }
  }
  const windowAt = (member: string, at: number): Window | undefined =>
    windows.get(member)?.find((w) => w.from <= at && at < w.to);
  return {
    valid: (member, key, at) => windowAt(member, at)?.key === key,
    keyAt: (member, at) => windowAt(member, at)?.key,
    known: (member) => windows.has(member),
  };
};

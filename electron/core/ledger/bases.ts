/**
 * Reads, before derivation, every basis lookup derivation will make: each close's view of its
 * proposal, and for each key rotation the scopes of the statements its author signed with the old
 * key after the rotation's date (normally none: only a backdated rotation needs them).
 */
import type { CheckResult, CheckedStatement } from '../../../shared/format/check';
import { scopeOf } from '../../../shared/derive/basis';

export const preloadBases = async (
  checked: CheckResult[],
  load: (commit: string, scope: string) => Promise<void>,
): Promise<void> => {
  const ok = checked.filter((c): c is CheckedStatement => c.ok === true);
  const rotations = ok.filter((c) => c.statement.type === 'key-rotation');
  for (const c of ok) {
    if (c.statement.type === 'close') await load(c.statement.basis, c.statement.proposal);
  }
  // Statements signed with a rotated-away key and dated after the earliest rotation away from it
  // are the ones whose validity depends on what the rotations' bases held.
  const earliest = new Map<string, string>();
  for (const r of rotations) {
    const key = `${(r.statement as { author: string }).author} ${r.signers[0]}`;
    const at = r.statement.created;
    if (!earliest.has(key) || at < earliest.get(key)!) earliest.set(key, at);
  }
  for (const r of rotations) {
    if (r.statement.type !== 'key-rotation') continue;
    const { author, basis } = r.statement;
    const from = earliest.get(`${author} ${r.signers[0]}`)!;
    await load(basis, 'rotations');
    for (const s of ok) {
      const st = s.statement;
      if (
        'author' in st &&
        st.author === author &&
        s.signers[0] === r.signers[0] &&
        st.created >= from
      ) {
        await load(basis, scopeOf(s));
      }
    }
  }
};

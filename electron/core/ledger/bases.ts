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
  for (const r of rotations) {
    if (r.statement.type !== 'key-rotation') continue;
    const { author, created, basis } = r.statement;
    await load(basis, 'rotations');
    for (const s of ok) {
      const st = s.statement;
      if (
        'author' in st &&
        st.author === author &&
        s.signers[0] === r.signers[0] &&
        st.created >= created
      ) {
        await load(basis, scopeOf(s));
      }
    }
  }
};

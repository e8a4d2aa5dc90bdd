/** What a basis commit held: looked up per scope (one proposal's folder, or the rotations). */
import type { CheckedStatement } from '../format/check';

/** A proposal id, or 'rotations'. */
export type Scope = string;

/** The ids of the statements a commit's tree holds in one scope, or undefined if unknown. */
export type BasisLookup = (commit: string, scope: Scope) => ReadonlySet<string> | undefined;

export const scopeOf = (s: CheckedStatement): Scope => {
  const st = s.statement;
  if (st.type === 'proposal') return s.id;
  if (st.type === 'key-rotation' || st.type === 'charter') return 'rotations';
  return st.proposal;
};

/** Names for member ids, including members since removed, whose names live in add-member proposals. */
import { memberIdOf } from '../../../shared/format/check';
import type { DerivedState } from '../../../shared/derive/state';
import { nodeCrypto } from '../crypto';

export type Names = (id: string) => string;

export const namesOf = (state: DerivedState): Names => {
  const names = new Map<string, string>();
  for (const p of state.proposals)
    if (p.kind === 'add-member' && p.status === 'passed') {
      const { key, name } = p.params as { key: string; name: string };
      names.set(memberIdOf(nodeCrypto, key), name);
    }
  // Current members last: a name they hold now wins over the one they were admitted with.
  for (const m of state.members) names.set(m.id, m.name);
  return (id) => names.get(id) ?? '';
};

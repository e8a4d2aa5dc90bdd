/** The parts of a derived state that `derive` and `deriveMore` build alike. */
import type { CheckedStatement, Quarantined } from '../format/check';
import type { PublicKey } from '../format/types';
import type { KeyBook } from './keys';
import type { MemberView } from './state';

/** The folder of a proposal each child statement lives in. */
export const childFolder = {
  vote: 'votes',
  consent: 'consents',
  withdrawal: 'withdrawals',
  close: 'closes',
  certification: 'certifications',
  evidence: 'evidence',
} as const;

export const membersAt = (
  list: Omit<MemberView, 'publicKey'>[],
  keys: KeyBook,
  initialKeys: Map<string, PublicKey>,
  now: number,
): MemberView[] =>
  list
    .map((m) => ({ ...m, publicKey: keys.keyAt(m.id, now) ?? initialKeys.get(m.id)! }))
    .sort((a, b) => (a.joined < b.joined ? -1 : a.joined > b.joined ? 1 : a.id < b.id ? -1 : 1));

/** A statement that passed stage one, as derivation quarantines it. */
export const quarantinedOf = (
  s: CheckedStatement,
  reason: Quarantined['reason'],
  detail: string,
): Quarantined => {
  const st = s.statement;
  return {
    ok: false,
    path: s.path,
    reason,
    detail,
    id: s.id,
    type: st.type,
    ...('proposal' in st ? { proposal: st.proposal } : {}),
    ...('author' in st ? { author: st.author } : {}),
  };
};

export const sortQ = (q: Quarantined[]): Quarantined[] =>
  q.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : 1));

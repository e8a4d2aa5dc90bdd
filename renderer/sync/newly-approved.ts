/**
 * The versions a sync made approved for use: an approve-use whose proposal, or one of whose
 * closes, the sync brought in. What was approved before the sync is not news.
 */
import type { SyncView } from '../../shared/api-types';
import type { DerivedState } from '../../shared/derive/state';

export type VersionRef = { model: string; version: string };

export const newlyApproved = (state: DerivedState, result: SyncView): VersionRef[] => {
  const proposals = new Set(result.new.proposals.map((p) => p.id));
  const closes = new Set(result.new.closes.map((c) => c.id));
  const isNew = (proposal: string): boolean => {
    if (proposals.has(proposal)) return true;
    const p = state.proposals.find((x) => x.id === proposal);
    return p !== undefined && p.closes.some((c) => closes.has(c.id));
  };
  const found: VersionRef[] = [];
  for (const m of state.models) {
    if (m.retired) continue;
    for (const a of m.approvals)
      if (isNew(a.proposal) && !found.some((f) => f.model === m.slug && f.version === a.version))
        found.push({ model: m.slug, version: a.version });
  }
  return found;
};

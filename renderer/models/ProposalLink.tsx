import type { DerivedState } from '../../shared/derive/state';
import { shortId } from '../common/format';

/** A link to a proposal by its title (its id's prefix if it is not in the state). */
export const ProposalLink = ({ state, id }: { state: DerivedState; id: string }) => (
  <a href={`#/proposals/${id}`}>{state.proposals.find((p) => p.id === id)?.title ?? shortId(id)}</a>
);

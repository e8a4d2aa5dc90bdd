import type { CreateArg } from '../../shared/api-channels';
import type { DerivedState } from '../../shared/derive/state';
import { Decides } from '../decides/Decides';

type Props = { request: CreateArg; state: DerivedState };

/** The preview's "what this decides": the block the proposal page shows too (see Decides). */
export const ParamsView = ({ request, state }: Props) => (
  <Decides
    proposal={request}
    state={state}
    ids={{ root: 'preview-params', owners: 'preview-owners' }}
  />
);

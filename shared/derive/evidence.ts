/**
 * Evidence on a proposal: evaluations its members signed. Shown with the proposal whatever its
 * status, and counted in nothing: no tally, status, effect or ownership reads it.
 */
import type { CheckedStatement } from '../format/check';
import type { EvidenceStatement } from '../format/types';
import { earlier } from './ballots';
import type { EvidenceView } from './state';

/** The evidence by authors in force (docs/format.md §11.15), oldest first, then by id. */
export const judgeEvidence = (
  evidence: CheckedStatement[],
  signedInForce: (s: CheckedStatement) => boolean,
): EvidenceView[] =>
  evidence
    .filter((e) => signedInForce(e))
    .sort(earlier)
    .map((e) => {
      const st = e.statement as EvidenceStatement;
      return {
        id: e.id,
        author: st.author,
        created: st.created,
        model: st.model,
        version: st.version,
        files: st.files,
        task: st.task,
        dataset: st.dataset,
        settings: st.settings,
        seed: st.seed,
        metrics: st.metrics,
        outputs: st.outputs,
        runtime: st.runtime,
        ...(st.note !== undefined ? { note: st.note } : {}),
      };
    });

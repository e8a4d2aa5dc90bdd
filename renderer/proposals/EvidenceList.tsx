import type { DerivedState, EvidenceView } from '../../shared/derive/state';
import { formatDate, nameOf, shortId } from '../common/format';

export const EvidenceList = ({
  evidence,
  state,
}: {
  evidence: EvidenceView[];
  state: DerivedState;
}) =>
  evidence.length === 0 ? null : (
    <section aria-labelledby="evidence-heading" className="stack">
      <h2 id="evidence-heading">Evidence</h2>
      <ul>
        {evidence.map((e) => (
          <li key={e.id} data-testid="evidence-item">
            <code>
              {e.model}@{e.version}
            </code>{' '}
            {e.task} on {e.dataset.name ?? shortId(e.dataset.sha256)} ({e.dataset.items} items):{' '}
            {Object.entries(e.metrics)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}
            <br />
            <span className="muted">
              outputs <code title={e.outputs}>{shortId(e.outputs)}</code> · by{' '}
              {nameOf(state, e.author)}, {formatDate(e.created)}
            </span>
            {e.note && <p className="reason">{e.note}</p>}
          </li>
        ))}
      </ul>
    </section>
  );

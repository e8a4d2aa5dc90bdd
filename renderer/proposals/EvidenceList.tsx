import type { DerivedState, EvidenceView } from '../../shared/derive/state';
import { formatDate, nameOf, shortId } from '../common/format';
import { metricWords } from '../models/model-format';

/**
 * A recorded metric in the words the Models screen uses. Evidence keeps no per-item verdicts, so
 * a share of the items reads "N of M" only where it is a whole count of them, else a percentage.
 */
const inWords = (name: string, value: number, items: number): string => {
  const count = value * items;
  if ((name === 'exactMatch' || name === 'accuracy') && Math.abs(count - Math.round(count)) > 1e-9)
    return `${name === 'exactMatch' ? 'Exact match' : 'Accuracy'} ${(value * 100).toFixed(1)}%`;
  const [term, words] = metricWords(
    name,
    value,
    Array.from({ length: items }, () => ({ correct: true })),
  );
  return `${term} ${words}`;
};

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
            <span data-testid="evidence-metrics">
              {Object.entries(e.metrics)
                .map(([k, v]) => inWords(k, v, e.dataset.items))
                .join(' · ')}
            </span>
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

import type { SyncView } from '../../shared/api-types';
import { size } from './size';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a sync brought in: new proposals (linked), votes, closes, and what was quarantined. */
export const SyncResult = ({ result }: { result: SyncView }) => {
  const n = result.new;
  const nothing =
    n.proposals.length + n.votes.length + n.closes.length + n.quarantined.length === 0;
  return (
    <section className="card stack" data-testid="sync-result" aria-labelledby="sync-result-h">
      <h2 id="sync-result-h">Synced with {result.target}</h2>
      <p className="muted">
        By {result.route} · {plural(result.objects, 'object')} · {size(result.bytes)}
        {result.pushed ? ' · pushed ours back' : ''}
      </p>
      {nothing ? (
        <p>Nothing new: both sides already had the same statements.</p>
      ) : (
        <p>
          New: {plural(n.proposals.length, 'proposal')}, {plural(n.votes.length, 'vote')},{' '}
          {plural(n.closes.length, 'close')}.
        </p>
      )}
      {n.proposals.length > 0 && (
        <ul data-testid="sync-new-proposals">
          {n.proposals.map((p) => (
            <li key={p.id}>
              <a href={`#/proposals/${p.id}`}>{p.title}</a>
            </li>
          ))}
        </ul>
      )}
      {n.quarantined.length > 0 && (
        <div className="stack">
          <h3 className="error">Quarantined: {n.quarantined.length}</h3>
          <p className="muted">Kept in the history but never counted.</p>
          <ul data-testid="sync-quarantined">
            {n.quarantined.map((q) => (
              <li key={q.path}>
                <span className="mono">{q.path}</span>: {q.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
};

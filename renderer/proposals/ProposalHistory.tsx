import type { DerivedState, ProposalView } from '../../shared/derive/state';
import { formatDate, nameOf, shortId } from '../common/format';

/** `at` is absent where the derived state keeps no time (a withdrawal). */
type Event = { at?: string; key: string; text: string };

/** Everything that happened to a proposal, oldest first, from the statements that count. */
export const historyOf = (p: ProposalView, state: DerivedState): Event[] => {
  const name = (id: string) => nameOf(state, id);
  const events: Event[] = [
    { at: p.created, key: `open-${p.id}`, text: `${name(p.author)} opened it` },
    ...p.votes.map((v) => ({ at: v.created, key: v.id, text: `${name(v.voter)} voted` })),
    ...p.evidence.map((e) => ({
      at: e.created,
      key: e.id,
      text: `${name(e.author)} gave evidence: ${e.model}@${e.version}, ${e.task}`,
    })),
    ...p.closes.map((c) => ({
      at: c.created,
      key: c.id,
      text:
        `${name(c.author)} closed it (close ${shortId(c.id)})` +
        (c.certifiedBy.length
          ? `; certified by ${c.certifiedBy.map(name).join(', ')}${c.certified ? ', final' : ''}`
          : ''),
    })),
  ];
  if (p.effect)
    events.push({
      at: p.effect.at,
      key: `effect-${p.id}`,
      text: p.effect.applied
        ? p.final
          ? 'its effect was applied'
          : 'its effect was applied, provisionally: it stands once the outcome is certified'
        : `its effect was not applied: ${p.effect.reason ?? 'no reason given'}`,
    });
  const dated = events.sort((a, b) => (a.at! < b.at! ? -1 : a.at! > b.at! ? 1 : 0));
  return p.withdrawnBy
    ? [...dated, { key: `withdrawn-${p.id}`, text: `${name(p.author)} withdrew it` }]
    : dated;
};

/** Statements filed under this proposal that were set aside, and why: never counted. */
export const setAsideOf = (p: ProposalView, state: DerivedState) =>
  state.quarantined.filter(
    (q) => q.proposal === p.id || q.path.startsWith(`proposals/${p.id.slice(0, 2)}/${p.id}/`),
  );

export const ProposalHistory = ({
  proposal: p,
  state,
}: {
  proposal: ProposalView;
  state: DerivedState;
}) => {
  const setAside = setAsideOf(p, state);
  return (
    <section aria-labelledby="history-heading" className="stack">
      <h2 id="history-heading">History</h2>
      <ol className="history">
        {historyOf(p, state).map((e) => (
          <li key={e.key} data-testid="history-item">
            {e.at && (
              <time className="muted" dateTime={e.at}>
                {formatDate(e.at)}
              </time>
            )}{' '}
            {e.text}
          </li>
        ))}
      </ol>
      {setAside.length > 0 && (
        <>
          <h3>Set aside ({setAside.length})</h3>
          <p className="muted">
            Filed under this proposal but not counted: each failed a check every peer makes.
          </p>
          <ul>
            {setAside.map((q) => (
              <li key={q.path} data-testid="quarantined-item">
                <code>{q.reason}</code>
                {q.author && <> by {nameOf(state, q.author)}</>}: {q.detail}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};

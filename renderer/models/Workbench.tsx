import { useState } from 'react';
import type { LocalModelStatus } from '../../shared/api-types';
import type { DerivedState } from '../../shared/derive/state';
import { EvalPanel } from './EvalPanel';
import { RunPanel } from './RunPanel';
import { parseVersionKey, versionKey } from './model-format';

/** The host's bench: choose a version, then run it on one input or evaluate it on a dataset. */
export const Workbench = ({
  state,
  statuses,
  canSign,
}: {
  state: DerivedState;
  statuses: LocalModelStatus[];
  canSign: boolean;
}) => {
  const choices = state.models
    .filter((m) => !m.retired)
    .flatMap((m) => m.versions.map((v) => versionKey(m.slug, v.version)));
  const statusOf = (key: string) => statuses.find((s) => versionKey(s.model, s.version) === key);
  const [chosen, setChosen] = useState<string>();
  // Until the user chooses, the first version that may run (statuses arrive after the state).
  const key = chosen ?? choices.find((k) => statusOf(k)?.status === 'runnable') ?? choices[0] ?? '';
  const picked = parseVersionKey(key);
  const open = state.proposals.filter((p) => p.status === 'open');

  return (
    <section className="stack" aria-labelledby="bench-heading">
      <h2 id="bench-heading">Use a model here</h2>
      {choices.length === 0 ? (
        <p className="muted">No registered version to run yet.</p>
      ) : (
        <>
          <label className="model-pick">
            Model version
            <select data-testid="use-model" value={key} onChange={(e) => setChosen(e.target.value)}>
              {choices.map((k) => (
                <option key={k} value={k}>
                  {k} — {statusOf(k)?.status ?? '…'}
                </option>
              ))}
            </select>
          </label>
          {picked && (
            <div className="model-bench">
              <RunPanel model={picked.model} version={picked.version} />
              <EvalPanel
                model={picked.model}
                version={picked.version}
                proposals={open}
                canSign={canSign}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
};

import { useState } from 'react';
import type { LocalModelStatus } from '../../shared/api-types';
import type { DerivedState } from '../../shared/derive/state';
import { EvalPanel } from './EvalPanel';
import { RunPanel } from './RunPanel';
import { statusWords } from './StatusBadge';
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
  // "Tiny GPT 1.0": the model's name, its slug in the option's value.
  const nameOf = (key: string) => {
    const v = parseVersionKey(key);
    return v && `${state.models.find((m) => m.slug === v.model)?.name ?? v.model} ${v.version}`;
  };
  const statusOf = (key: string) => statuses.find((s) => versionKey(s.model, s.version) === key);
  const [chosen, setChosen] = useState<string>();
  // Until the user chooses, the first version that may run (statuses arrive after the state).
  const key = chosen ?? choices.find((k) => statusOf(k)?.status === 'runnable') ?? choices[0] ?? '';
  const picked = parseVersionKey(key);
  const open = state.proposals.filter((p) => p.status === 'open');
  // What the model is made for, else what the form has always offered first.
  const status = statusOf(key);
  const task = status?.task;

  return (
    <section className="stack models-bench-section" aria-labelledby="bench-heading">
      <h2 id="bench-heading">Run and evaluate on this computer</h2>
      {choices.length === 0 ? (
        <p className="muted">No registered version to run yet.</p>
      ) : (
        <>
          <label className="model-pick">
            Model version
            <select data-testid="use-model" value={key} onChange={(e) => setChosen(e.target.value)}>
              {choices.map((k) => (
                <option key={k} value={k}>
                  {nameOf(k)} — {statusWords[statusOf(k)?.status ?? 'not-imported'].label}
                </option>
              ))}
            </select>
          </label>
          {status && status.status !== 'runnable' && (
            <p className="muted" data-testid="bench-status">
              {statusWords[status.status].label}: {statusWords[status.status].hint}
            </p>
          )}
          {picked && (
            <div className="model-bench">
              <RunPanel
                key={`run-${key}`}
                model={picked.model}
                version={picked.version}
                task={task ?? 'text-generation'}
              />
              <EvalPanel
                key={`eval-${key}-${task}`}
                task={task ?? 'text-classification'}
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

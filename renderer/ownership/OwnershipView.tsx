import { useState } from 'react';
import { useFeature } from '../app/useStores';
import { SharesChart } from './SharesChart';
import { SharesTable } from './SharesTable';
import { ShareTimeline } from './ShareTimeline';
import { slicesOf } from './ownership';

/** Who owns what share of each model now, and every change that led there. */
export const OwnershipView = () => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const models = state?.models ?? [];
  const [picked, setPicked] = useState<string>();
  const model = models.find((m) => m.slug === picked) ?? models[0];
  if (model === undefined)
    return (
      <section className="stack">
        <h1>Ownership</h1>
        <p className="muted">No models registered yet.</p>
      </section>
    );
  const slices = slicesOf(state, model.owners);
  return (
    <section className="stack">
      <h1>Ownership</h1>
      {models.length > 1 && (
        <label className="model-picker">
          Model
          <select
            data-testid="ownership-model"
            value={model.slug}
            onChange={(e) => setPicked(e.target.value)}
          >
            {models.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.name} ({m.slug})
              </option>
            ))}
          </select>
        </label>
      )}
      <h2>
        {model.name} <code className="muted">{model.slug}</code>
        {model.retired && <span className="muted"> (retired)</span>}
      </h2>
      {slices.length === 0 ? (
        <p className="muted">Nobody holds shares of this model.</p>
      ) : (
        <div className="ownership-now">
          <SharesChart slices={slices} />
          <SharesTable slices={slices} model={model.name} />
        </div>
      )}
      <ShareTimeline state={state} model={model} />
    </section>
  );
};

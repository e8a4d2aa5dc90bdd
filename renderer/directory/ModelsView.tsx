import { useEffect } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { ImportForm } from '../models/ImportForm';
import { ModelCard } from '../models/ModelCard';
import { Workbench } from '../models/Workbench';
import { useLocalModels } from '../models/useModelStores';

/**
 * The registry as the group decided it (versions with their lineage, approvals, owners, file
 * hashes), what of it may run on the host's machine, and, for the host, importing, running and
 * evaluating models there.
 */
export const ModelsView = () => {
  const snapshot = useFeature('group', (s) => s.snapshot);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const canSign = useFeature('session', (s) => s.view?.member ?? false);
  const statuses = useLocalModels((s) => s.statuses);
  const localError = useLocalModels((s) => s.error);
  const load = useLocalModels((s) => s.load);
  const head = snapshot?.head;

  // A passed registration or approval changes what may run: ask again whenever the head moves.
  useEffect(() => {
    if (head !== undefined) void load();
  }, [head, load]);

  if (!snapshot) return <p className="muted">Loading…</p>;
  const { state } = snapshot;
  return (
    <section className="stack models-view">
      <h1>Models</h1>
      <p className="muted">
        What the group registered, and what may run{' '}
        {host ? 'on this machine' : "on the host's machine"}.
      </p>
      <ErrorAlert message={localError} />
      {state.models.length === 0 && <p className="muted">No models registered.</p>}
      {state.models.map((m) => (
        <ModelCard key={m.slug} state={state} model={m} statuses={statuses} />
      ))}
      {host && (
        <>
          <ImportForm slugs={state.models.map((m) => m.slug)} />
          <Workbench state={state} statuses={statuses} canSign={canSign} />
        </>
      )}
    </section>
  );
};

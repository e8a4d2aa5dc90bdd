import { useEffect } from 'react';
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { ImportForm } from '../models/ImportForm';
import { ModelCard } from '../models/ModelCard';
import { Workbench } from '../models/Workbench';
import { useLocalModels } from '../models/useModelStores';
import { useSync } from '../sync/useSync';
import '../models/models.css';

/**
 * The registry as the group decided it (versions with their lineage, approvals, owners, file
 * hashes), what of it may run on the host's machine, and, for the host, running and evaluating
 * models there first, importing a folder in its own section below.
 */
export const ModelsView = () => {
  const snapshot = useFeature('group', (s) => s.snapshot);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const canSign = useFeature('session', (s) => s.view?.member ?? false);
  const statuses = useLocalModels((s) => s.statuses);
  const localError = useLocalModels((s) => s.error);
  const load = useLocalModels((s) => s.load);
  const head = snapshot?.head;
  const loadRemotes = useSync((s) => s.loadRemotes);

  // The remotes a member may push a version's files to: the host's alone.
  useEffect(() => {
    if (host) void loadRemotes();
  }, [host, loadRemotes]);

  // A passed registration or approval changes what may run: ask again whenever the head moves.
  useEffect(() => {
    if (head !== undefined) void load();
  }, [head, load]);

  if (!snapshot) return <p className="muted">Loading…</p>;
  const { state } = snapshot;
  // Nothing to run yet: importing is what the host came to do.
  const runnable = state.models.some((m) => !m.retired && m.versions.length > 0);
  return (
    <section className="stack models-view">
      <h1>Models</h1>
      <p className="muted">
        What the group registered, and what may run{' '}
        {host ? 'on this computer' : "on the host's computer"}.
      </p>
      <ErrorAlert message={localError} />
      {host && runnable && <Workbench state={state} statuses={statuses} canSign={canSign} />}
      <section className="stack models-registry" aria-labelledby="registry-heading">
        <h2 id="registry-heading">Registered models</h2>
        {state.models.length === 0 && (
          <p className="muted">
            No models registered yet.
            {host && ' Import a model folder below, then propose registering it.'}
          </p>
        )}
        {state.models.map((m) => (
          <ModelCard key={m.slug} state={state} model={m} statuses={statuses} />
        ))}
      </section>
      {host && <ImportForm primary={!runnable} />}
    </section>
  );
};

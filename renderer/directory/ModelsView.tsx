import { useFeature } from '../app/useStores';
import { nameOf } from '../common/format';

export const ModelsView = () => {
  const state = useFeature('group', (s) => s.snapshot?.state);
  const models = state?.models ?? [];
  return (
    <section className="stack">
      <h1>Models</h1>
      {models.length === 0 && <p className="muted">No models registered.</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Slug</th>
            <th scope="col">Name</th>
            <th scope="col">Licence</th>
            <th scope="col">Versions</th>
            <th scope="col">Owners</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.slug} data-testid="model-row">
              <td>
                <code>{m.slug}</code>
                {m.retired && <span className="muted"> (retired)</span>}
              </td>
              <td>{m.name}</td>
              <td>{m.license}</td>
              <td>{m.versions.map((v) => v.version).join(', ') || '—'}</td>
              <td>{m.owners.map((o) => `${nameOf(state, o.member)}: ${o.shares}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};

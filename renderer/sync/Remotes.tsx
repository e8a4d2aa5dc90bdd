import { useNow } from '../common/useNow';
import { AddRemote } from './AddRemote';
import { RemoteRow } from './RemoteRow';
import { useSync } from './useSync';

/** The repo's named remotes (git's own config), each a sync away, and a way to name one more. */
export const Remotes = () => {
  const remotes = useSync((s) => s.remotes);
  const now = useNow();
  return (
    <section className="card stack" aria-labelledby="sync-remotes">
      <h2 id="sync-remotes">Remotes</h2>
      {remotes === undefined ? (
        <p className="muted">Loading…</p>
      ) : remotes.length === 0 ? (
        <p className="muted">
          No remotes yet: add a git server, a peer&apos;s address or a group&apos;s folder.
        </p>
      ) : (
        <table className="remotes">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {remotes.map((r) => (
              <RemoteRow key={r.name} remote={r} now={now} />
            ))}
          </tbody>
        </table>
      )}
      <AddRemote />
    </section>
  );
};

/**
 * The pieces of the group switcher: the groups this machine knows, each a click away, and a
 * folder opened by its full path. Used by the Groups screen and by the charter-draft screen.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../setup/useApp';
import { useEnterGroup } from '../setup/useEnterGroup';
import './group.css';

/** A full path on Linux, macOS or Windows: what the host can open wherever it was started. */
export const isFullPath = (path: string): boolean =>
  path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

export const KnownGroups = () => {
  const groups = useApp((s) => s.groups);
  const listGroups = useApp((s) => s.listGroups);
  const open = useApp((s) => s.open);
  const busy = useApp((s) => s.busy);
  const current = useApp((s) => s.app?.group?.dir);
  const enter = useEnterGroup();
  // Read again whenever the open group changes: a group founded or joined joins the list.
  useEffect(() => void listGroups(), [listGroups, current]);
  if (groups === undefined) return <p className="muted">Reading the groups on this computer…</p>;
  if (groups.length === 0)
    return (
      <p className="muted">No group on this computer yet: found one, join one, or open one.</p>
    );
  return (
    <ul className="known-groups" aria-label="Groups on this computer">
      {groups.map((g) => {
        const name = g.name ?? 'A folder with no group yet';
        return (
          <li key={g.dir} data-testid="known-group" aria-current={g.open ? 'true' : undefined}>
            <div className="known-group-text">
              <strong>{name}</strong>
              {g.demo && <span className="badge">Demo</span>}
              {g.open && <span className="badge">Open now</span>}
              <span className="mono muted" title={g.dir}>
                {g.dir}
              </span>
            </div>
            {!g.open && (
              <button
                type="button"
                aria-label={`Open ${name}`}
                disabled={busy}
                onClick={() => void open(g.dir).then(enter)}
              >
                Open
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
};

export const OpenFolder = () => {
  const open = useApp((s) => s.open);
  const busy = useApp((s) => s.busy);
  const enter = useEnterGroup();
  const [dir, setDir] = useState('');
  const typed = dir.trim();
  const problem =
    typed !== '' && !isFullPath(typed)
      ? `Give the full path, from the top of the disk (for example /home/you/${typed}).`
      : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (typed === '' || problem !== undefined) return;
    await enter(await open(typed));
  };
  return (
    <form className="card stack" aria-labelledby="open-folder" onSubmit={(e) => void submit(e)}>
      <h2 id="open-folder">Open a group folder</h2>
      <p className="muted">
        A group&apos;s repo folder on this computer: one the command line made, one shared with you,
        or a group still waiting for its founders&apos; signatures.
      </p>
      <label>
        Full path of the folder
        <input
          data-testid="open-folder-path"
          className="mono"
          value={dir}
          spellCheck={false}
          placeholder="/home/you/groups/riverside"
          onChange={(e) => setDir(e.target.value)}
        />
      </label>
      {problem !== undefined && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="buttons">
        <button
          type="submit"
          data-testid="open-folder"
          disabled={busy || typed === '' || problem !== undefined}
        >
          Open folder
        </button>
      </div>
    </form>
  );
};

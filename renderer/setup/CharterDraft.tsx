import { useCallback, useEffect, useRef } from 'react';
import { featureStore } from '../app/stores';
import { useClient, useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { KnownGroups, OpenFolder } from '../group/GroupSwitch';
import { createAppStore } from './app-store';
import { useApp } from './useApp';
import { useEnterGroup } from './useEnterGroup';
import './setup.css';

/**
 * A group founded with further founders, before they all signed: who has signed, a "Sign the
 * charter" button for a founder signed in here who has not yet, and how the others reach it (the
 * draft lives in the folder, outside git: they open that same folder in their Steward).
 */
export const CharterDraft = () => {
  const client = useClient();
  const app = useApp((s) => s.app);
  const busy = useApp((s) => s.busy);
  const error = useApp((s) => s.error);
  const signCharter = useApp((s) => s.signCharter);
  const me = useFeature('session', (s) => s.view?.identity);
  const enter = useEnterGroup();
  // Once the last founder signed (here, or in another window on this folder), enter the group.
  const enterRef = useRef(enter);
  enterRef.current = enter;
  const check = useCallback(async (): Promise<void> => {
    const store = featureStore(client, 'app', createAppStore);
    if ((await store.getState().load()) && store.getState().app?.charterDraft === undefined)
      await enterRef.current(true);
  }, [client]);
  // One subscription for the screen's life: the socket it opens tells the head once on connecting.
  useEffect(() => client.on('group:onDidChange', () => void check()), [client, check]);
  const draft = app?.charterDraft;
  if (draft === undefined) return null;
  const signed = draft.founders.filter((f) => f.signed).length;
  const mine = me && draft.founders.find((f) => f.id === me.id);
  const sign = async () => {
    if (await signCharter()) await check();
  };
  return (
    <main className="gate setup charter-draft" aria-busy={busy}>
      <h1>Waiting for signatures</h1>
      <p>
        The charter of <strong>{draft.name}</strong> is signed by {signed} of{' '}
        {draft.founders.length} founders. The group begins when every founder has signed it.
      </p>
      <ErrorAlert message={error} />
      <ul className="founder-list" aria-label="Founders">
        {draft.founders.map((f) => (
          <li key={f.id} data-testid="draft-founder">
            <span>
              {f.name}
              {me?.id === f.id && ' (you)'}
            </span>
            <span className={f.signed ? 'signed' : 'muted'}>
              {f.signed ? 'Signed' : 'Not signed yet'}
            </span>
          </li>
        ))}
      </ul>
      {mine !== undefined && !mine.signed && (
        <button
          type="button"
          className="primary"
          data-testid="sign-charter"
          disabled={busy}
          onClick={() => void sign()}
        >
          Sign the charter
        </button>
      )}
      {me === undefined && <p className="muted">Unlock your identity to sign as a founder.</p>}
      {me !== undefined && mine === undefined && (
        <p className="muted">{me.name} is not one of its founders: there is nothing to sign.</p>
      )}
      <section className="card stack">
        <h2>How the other founders sign</h2>
        <p>
          The draft waits in this group&apos;s folder. Each founder still to sign opens this same
          folder in their own Steward (Groups → Open a group folder), on this computer or where it
          is shared, and presses <strong>Sign the charter</strong>:
        </p>
        <p className="mono" data-testid="draft-folder">
          {app?.group?.dir}
        </p>
        <div className="buttons">
          <button type="button" onClick={() => void check()}>
            Check again
          </button>
        </div>
      </section>
      <section className="stack">
        <h2>Other groups</h2>
        <KnownGroups />
        <OpenFolder />
      </section>
    </main>
  );
};

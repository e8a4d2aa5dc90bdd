/**
 * Groups: the switcher. The groups this machine knows, another opened by its folder, joined, or
 * founded, and the demo opened afresh, all without quitting. Opening one reloads what the app
 * shows for the new group (useEnterGroup). The host's own app alone reaches other folders.
 */
import { useFeature } from '../app/useStores';
import { ErrorAlert } from '../common/ErrorAlert';
import { FoundGroup, JoinGroup, OpenDemo } from '../setup/GroupForms';
import { useApp } from '../setup/useApp';
import { KnownGroups, OpenFolder } from './GroupSwitch';
import './group.css';

export const GroupsView = () => {
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const signedIn = useFeature('session', (s) => s.view?.identity !== undefined);
  const canSwitch = useApp((s) => s.app?.canSwitch ?? false);
  const error = useApp((s) => s.error);
  const busy = useApp((s) => s.busy);
  if (!host || !canSwitch)
    return (
      <section className="stack groups-page">
        <h1>Groups</h1>
        <p>
          {host
            ? 'This app serves one group and cannot open another; whoever started it can.'
            : "Only the host's own app opens other groups; this window shows the group it serves."}
        </p>
      </section>
    );
  return (
    <section className="stack groups-page" aria-busy={busy}>
      <h1>Groups</h1>
      <ErrorAlert message={error} />
      <section className="stack" aria-labelledby="groups-here">
        <h2 id="groups-here">On this computer</h2>
        <KnownGroups />
      </section>
      <OpenFolder />
      <h2>Another group</h2>
      <div className="setup-choices">
        <JoinGroup />
        <FoundGroup signedIn={signedIn} />
        <OpenDemo />
      </div>
    </section>
  );
};

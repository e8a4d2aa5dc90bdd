import { useEffect } from 'react';
import { ErrorAlert } from '../common/ErrorAlert';
import { useApp } from '../setup/useApp';
import { RouteView } from './RouteView';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';
import { routePath, useHash, parseRoute } from './useHashRoute';
import { useNavRail } from './useNavRail';
import { useScrollTop } from './useScrollTop';
import { useFeature } from './useStores';

/**
 * The signed-in (or read-only) app: the top bar, the places down the side and the routed page.
 * What the session cannot do is not offered: no New proposal unless a member is signed in, no
 * group switcher where the app serves one group or to a browser that is not the host's.
 */
export const Shell = () => {
  const hash = useHash();
  const route = parseRoute(hash);
  useScrollTop(routePath(hash));
  const [rail, toggleRail] = useNavRail();
  const load = useFeature('group', (s) => s.load);
  const follow = useFeature('group', (s) => s.follow);
  const groupError = useFeature('group', (s) => s.error);
  const stateName = useFeature('group', (s) => s.snapshot?.state.group?.name);
  const sessionError = useFeature('session', (s) => s.error);
  const member = useFeature('session', (s) => s.view?.identity !== undefined && s.view.member);
  const host = useFeature('session', (s) => s.view?.host ?? false);
  const appName = useApp((s) => s.app?.group?.name);
  const canSwitch = useApp((s) => s.app?.canSwitch ?? false) && host;
  useEffect(() => {
    const stop = follow();
    void load();
    return stop;
  }, [load, follow]);
  return (
    <>
      <TopBar
        {...((stateName ?? appName) !== undefined && { groupName: stateName ?? appName })}
        canSwitch={canSwitch}
        rail={rail}
        onToggleNav={toggleRail}
      />
      <div className="frame">
        <SideNav route={route} context={{ member, canSwitch }} rail={rail} />
        <main>
          <ErrorAlert message={sessionError} />
          <ErrorAlert message={groupError} />
          <RouteView route={route} />
        </main>
      </div>
    </>
  );
};

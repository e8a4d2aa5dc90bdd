import { useEffect } from 'react';
import { MembersView } from '../directory/MembersView';
import { ModelsView } from '../directory/ModelsView';
import { HomeView } from '../home/HomeView';
import { AuditView } from '../audit/AuditView';
import { OwnershipView } from '../ownership/OwnershipView';
import { ReviewView } from '../review/ReviewView';
import { SettingsView } from '../settings/SettingsView';
import { SyncView } from '../sync/SyncView';
import { NewProposal } from '../new-proposal/NewProposal';
import { ProposalDetail } from '../proposals/ProposalDetail';
import { ProposalList } from '../proposals/ProposalList';
import { SessionHeader } from '../session/SessionHeader';
import { ErrorAlert } from '../common/ErrorAlert';
import { useHashRoute, type Route } from './useHashRoute';
import { useFeature } from './useStores';

const links = [
  { path: '/', label: 'Home', active: (r: Route) => r.name === 'home' },
  {
    path: '/proposals',
    label: 'Proposals',
    active: (r: Route) => r.name === 'proposals' || r.name === 'proposal',
  },
  { path: '/new', label: 'New proposal', active: (r: Route) => r.name === 'new' },
  { path: '/members', label: 'Members', active: (r: Route) => r.name === 'members' },
  { path: '/models', label: 'Models', active: (r: Route) => r.name === 'models' },
  { path: '/ownership', label: 'Ownership', active: (r: Route) => r.name === 'ownership' },
  { path: '/sync', label: 'Sync', active: (r: Route) => r.name === 'sync' },
  { path: '/review', label: 'Review session', active: (r: Route) => r.name === 'review' },
  { path: '/audit', label: 'Audit', active: (r: Route) => r.name === 'audit' },
  { path: '/settings', label: 'Settings', active: (r: Route) => r.name === 'settings' },
];

const View = ({ route }: { route: Route }) => {
  switch (route.name) {
    case 'home':
      return <HomeView />;
    case 'proposals':
      return <ProposalList />;
    case 'proposal':
      return <ProposalDetail id={route.id} />;
    case 'new':
      return <NewProposal />;
    case 'members':
      return <MembersView />;
    case 'models':
      return <ModelsView />;
    case 'ownership':
      return <OwnershipView />;
    case 'sync':
      return <SyncView />;
    case 'settings':
      return <SettingsView />;
    case 'audit':
      return <AuditView />;
    case 'review':
      return <ReviewView {...(route.id !== undefined && { id: route.id })} />;
    case 'unknown':
      return <p role="alert">Nothing at {route.path}.</p>;
  }
};

/** The signed-in (or read-only) app: navigation, session, and the routed view. */
export const Shell = () => {
  const route = useHashRoute();
  const load = useFeature('group', (s) => s.load);
  const follow = useFeature('group', (s) => s.follow);
  const groupError = useFeature('group', (s) => s.error);
  const sessionError = useFeature('session', (s) => s.error);
  useEffect(() => {
    const stop = follow();
    void load();
    return stop;
  }, [load, follow]);
  return (
    <>
      <header className="top">
        <nav aria-label="Main">
          {links.map((l) => (
            <a key={l.path} href={`#${l.path}`} aria-current={l.active(route) ? 'page' : undefined}>
              {l.label}
            </a>
          ))}
        </nav>
        <SessionHeader />
      </header>
      <main>
        <ErrorAlert message={sessionError} />
        <ErrorAlert message={groupError} />
        <View route={route} />
      </main>
    </>
  );
};

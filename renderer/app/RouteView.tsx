import { AuditView } from '../audit/AuditView';
import { MembersView } from '../directory/MembersView';
import { ModelsView } from '../directory/ModelsView';
import { GroupsView } from '../group/GroupsView';
import { HomeView } from '../home/HomeView';
import { NewProposal } from '../new-proposal/NewProposal';
import { OwnershipView } from '../ownership/OwnershipView';
import { ProposalDetail } from '../proposals/ProposalDetail';
import { ProposalList } from '../proposals/ProposalList';
import { ReviewView } from '../review/ReviewView';
import { SettingsView } from '../settings/SettingsView';
import { SyncView } from '../sync/SyncView';
import type { Route } from './useHashRoute';

/** The page a route names. */
export const RouteView = ({ route }: { route: Route }) => {
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
    case 'groups':
      return <GroupsView />;
    case 'review':
      return <ReviewView {...(route.id !== undefined && { id: route.id })} />;
    case 'unknown':
      return <p role="alert">Nothing at {route.path}.</p>;
  }
};

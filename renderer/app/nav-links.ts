import type { IconName } from './NavIcon';
import type { Route } from './useHashRoute';

/** What decides which places a session sees: read-only views hide what they cannot do. */
export type NavContext = { member: boolean; canSwitch: boolean };

export type NavLink = {
  path: string;
  label: string;
  icon: IconName;
  active: (route: Route) => boolean;
  shown?: (context: NavContext) => boolean;
};

const on =
  (...names: Route['name'][]) =>
  (route: Route): boolean =>
    names.includes(route.name);

/** The places of the app, in the order the navigation lists them. */
export const navLinks: NavLink[] = [
  { path: '/', label: 'Home', icon: 'home', active: on('home') },
  {
    path: '/proposals',
    label: 'Proposals',
    icon: 'proposals',
    active: on('proposals', 'proposal'),
  },
  { path: '/new', label: 'New proposal', icon: 'new', active: on('new'), shown: (c) => c.member },
  { path: '/members', label: 'Members', icon: 'members', active: on('members') },
  { path: '/models', label: 'Models', icon: 'models', active: on('models') },
  { path: '/ownership', label: 'Ownership', icon: 'ownership', active: on('ownership') },
  { path: '/sync', label: 'Sync', icon: 'sync', active: on('sync') },
  { path: '/review', label: 'Review session', icon: 'review', active: on('review') },
  { path: '/audit', label: 'Audit', icon: 'audit', active: on('audit') },
  {
    path: '/groups',
    label: 'Groups',
    icon: 'groups',
    active: on('groups'),
    shown: (c) => c.canSwitch,
  },
  { path: '/settings', label: 'Settings', icon: 'settings', active: on('settings') },
];

export const visibleLinks = (context: NavContext): NavLink[] =>
  navLinks.filter((l) => l.shown?.(context) ?? true);

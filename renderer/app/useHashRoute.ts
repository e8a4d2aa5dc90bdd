import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'proposals' }
  | { name: 'proposal'; id: string }
  | { name: 'new' }
  | { name: 'members' }
  | { name: 'models' }
  | { name: 'ownership' }
  | { name: 'sync' }
  | { name: 'settings' }
  | { name: 'audit' }
  | { name: 'review'; id?: string }
  | { name: 'unknown'; path: string };

export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, '') || '/';
  const detail = /^\/proposals\/([0-9a-f]+)$/.exec(path);
  if (detail) return { name: 'proposal', id: detail[1]! };
  const review = /^\/review\/([0-9a-f]+)$/.exec(path);
  if (review) return { name: 'review', id: review[1]! };
  switch (path) {
    case '/':
      return { name: 'home' };
    case '/proposals':
      return { name: 'proposals' };
    case '/new':
      return { name: 'new' };
    case '/members':
      return { name: 'members' };
    case '/models':
      return { name: 'models' };
    case '/ownership':
      return { name: 'ownership' };
    case '/sync':
      return { name: 'sync' };
    case '/settings':
      return { name: 'settings' };
    case '/audit':
      return { name: 'audit' };
    case '/review':
      return { name: 'review' };
    default:
      return { name: 'unknown', path };
  }
};

export const navigate = (path: string): void => {
  window.location.hash = `#${path}`;
};

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export const useHashRoute = (): Route =>
  parseRoute(useSyncExternalStore(subscribe, () => window.location.hash));

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
  | { name: 'groups' }
  | { name: 'review'; id?: string }
  | { name: 'unknown'; path: string };

/** The page a hash names, without its query (`#/new?from=x` is the page `/new`). */
export const routePath = (hash: string): string => hash.replace(/^#/, '').split('?', 1)[0] || '/';

const pages: Record<string, Route> = {
  '/': { name: 'home' },
  '/proposals': { name: 'proposals' },
  '/new': { name: 'new' },
  '/members': { name: 'members' },
  '/models': { name: 'models' },
  '/ownership': { name: 'ownership' },
  '/sync': { name: 'sync' },
  '/settings': { name: 'settings' },
  '/audit': { name: 'audit' },
  '/groups': { name: 'groups' },
  '/review': { name: 'review' },
};

export const parseRoute = (hash: string): Route => {
  const path = routePath(hash);
  const detail = /^\/proposals\/([0-9a-f]+)$/.exec(path);
  if (detail) return { name: 'proposal', id: detail[1]! };
  const review = /^\/review\/([0-9a-f]+)$/.exec(path);
  if (review) return { name: 'review', id: review[1]! };
  return pages[path] ?? { name: 'unknown', path };
};

export const navigate = (path: string): void => {
  window.location.hash = `#${path}`;
};

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The hash as it is now, re-read on every change. */
export const useHash = (): string => useSyncExternalStore(subscribe, () => window.location.hash);

export const useHashRoute = (): Route => parseRoute(useHash());

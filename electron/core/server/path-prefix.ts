/**
 * Routes answered both at the server's root and under one path segment (`/<name>` or
 * `/<name>.git`). The git LFS client finds its endpoint by appending `.git/info/lfs` to a remote's
 * URL, which for a URL with no path (`http://host:port/`) gives the broken `http://host:port.git/…`;
 * a clone of `http://host:port/group` gives `http://host:port/group.git/info/lfs`, which works.
 * Only the wrapped routes see the prefix stripped, so no other path (the app at `/`, `/api/…`) is
 * shadowed by it.
 */
import type { Route } from './http';

const SEGMENT = /^\/[A-Za-z0-9._-]+(?=\/)/;

/** The path without its first segment, when that segment is a name; undefined otherwise. */
export const withoutPrefix = (path: string): string | undefined => {
  const m = SEGMENT.exec(path);
  // `..` is not a name a client means: URL parsing has resolved dot segments already.
  return m && m[0] !== '/..' && m[0] !== '/.' ? path.slice(m[0].length) : undefined;
};

/** The routes, answering at the root and under any one-segment prefix. */
export const alsoUnderPrefix = (routes: Route[]): Route[] =>
  routes.map((route) => ({
    ...route,
    match: (path) => {
      const direct = route.match(path);
      if (direct !== false) return direct;
      const rest = withoutPrefix(path);
      return rest === undefined ? false : route.match(rest);
    },
  }));

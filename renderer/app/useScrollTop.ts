import { useEffect, useRef } from 'react';

/**
 * A page opens at its top: when the path changes (not when only its query does), the window
 * scrolls back up, as following a link in a desktop app would.
 */
export const useScrollTop = (path: string): void => {
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    (document.scrollingElement ?? document.documentElement).scrollTop = 0;
  }, [path]);
};

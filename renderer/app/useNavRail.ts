import { useEffect, useState } from 'react';

/** Below this width the navigation starts as a rail of icons, so the content keeps its room. */
const NARROW = '(max-width: 1023px)';

const narrow = (): boolean => window.matchMedia?.(NARROW).matches ?? false;

/**
 * Whether the navigation shows icons alone (the rail) or icons with their words: narrow windows
 * start with the rail, wide ones with words; the menu button switches until the width crosses over.
 */
export const useNavRail = (): [rail: boolean, toggle: () => void] => {
  const [rail, setRail] = useState(narrow);
  useEffect(() => {
    const query = window.matchMedia?.(NARROW);
    if (query === undefined) return;
    const follow = (e: MediaQueryListEvent) => setRail(e.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return [rail, () => setRail((r) => !r)];
};

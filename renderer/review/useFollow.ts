import { useEffect, useRef } from 'react';
import { navigate } from '../app/useHashRoute';
import { useFeature } from '../app/useStores';
import { useReview } from './useReview';

/**
 * The room follows the wall. The host's screen tells the server which proposal it shows; a
 * participant's review screen opens that proposal when they arrive on the agenda and again each
 * time the presenter moves on (in between they may look at another one).
 */
export const useFollow = (shown: string | undefined): void => {
  const host = useFeature('session', (s) => s.view?.host);
  const join = useReview((s) => s.join);
  const present = useReview((s) => s.present);
  const seen = useRef<string | null>(null);

  useEffect(() => {
    if (host === true && shown !== undefined) void present(shown);
  }, [host, shown, present]);

  useEffect(() => {
    if (host !== false || join === undefined) return;
    const now = join.presenting ?? '';
    const before = seen.current;
    seen.current = now;
    if (now === '' || now === shown) return;
    if (before === null ? shown === undefined : before !== now) navigate(`/review/${now}`);
  }, [host, join, shown]);
};

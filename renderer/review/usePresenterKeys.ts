import { useEffect, type RefObject } from 'react';
import { navigate } from '../app/useHashRoute';

/** Fullscreen for the element, or back out of it: the browser may refuse, which is no error. */
export const toggleFullscreen = (element: HTMLElement | null): void => {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else if (element && document.fullscreenEnabled)
    void element.requestFullscreen().catch(() => undefined);
};

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** ← and → move along the agenda, f toggles fullscreen; not while typing or with modifiers. */
export const usePresenterKeys = (
  previous: string | undefined,
  next: string | undefined,
  stage: RefObject<HTMLElement | null>,
): void => {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      if (e.key === 'ArrowLeft' && previous) navigate(`/review/${previous}`);
      else if (e.key === 'ArrowRight' && next) navigate(`/review/${next}`);
      else if (e.key === 'f') toggleFullscreen(stage.current);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [previous, next, stage]);
};

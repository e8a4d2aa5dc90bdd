import { useEffect } from 'react';

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

// Enter on a link or button is theirs to handle.
const activates = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && ['A', 'BUTTON'].includes(target.tagName);

type Keys = { next: () => void; previous: () => void; open: () => void };

/** j and k move the list's selection and Enter opens it, unless the user is typing. */
export const useListKeys = ({ next, previous, open }: Keys): void => {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      if (event.key === 'j') next();
      else if (event.key === 'k') previous();
      else if (event.key === 'Enter' && !activates(event.target)) open();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [next, previous, open]);
};

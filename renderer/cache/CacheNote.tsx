import { useFeature } from '../app/useStores';

/** Says when the state shown is the cached one, or when the cache is off; nothing otherwise. */
export const CacheNote = () => {
  const stale = useFeature('group', (s) => s.stale);
  const cacheError = useFeature('group', (s) => s.cacheError);
  const error = useFeature('group', (s) => s.error);
  if (stale)
    return (
      <p className="cache-note" data-testid="cache-stale" aria-live="polite">
        {error === undefined
          ? 'Showing the state saved on this device; checking for changes…'
          : 'Showing the state saved on this device: it may be out of date.'}
      </p>
    );
  if (cacheError !== undefined)
    return (
      <p className="cache-note" data-testid="cache-off">
        {cacheError}
      </p>
    );
  return null;
};

import { useEffect, useState } from 'react';
import { useFeature } from '../app/useStores';

type Found = { query: string; head: string | undefined; ids: Set<string> | undefined };

/**
 * The ids the cache's word index finds for `query` at the head shown: `pending` while it answers
 * (the caller keeps its previous rows), `ids` undefined when there is no index (filter in memory).
 */
export const useIndexedSearch = (
  query: string,
): { pending: boolean; ids: Set<string> | undefined } => {
  const search = useFeature('group', (s) => s.search);
  const indexed = useFeature('group', (s) => s.indexed);
  const head = useFeature('group', (s) => s.snapshot?.head);
  const [found, setFound] = useState<Found>({ query: '', head, ids: undefined });
  const blank = !indexed || query.trim() === '';
  useEffect(() => {
    if (blank) return;
    let live = true;
    void search(query).then((ids) => {
      if (live) setFound({ query, head, ids });
    });
    return () => {
      live = false;
    };
  }, [search, query, head, blank]);
  if (blank) return { pending: false, ids: undefined };
  const current = found.query === query && found.head === head;
  return { pending: !current, ids: current ? found.ids : undefined };
};

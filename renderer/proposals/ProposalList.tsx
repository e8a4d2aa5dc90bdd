import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useFeature } from '../app/useStores';
import { navigate } from '../app/useHashRoute';
import { useNow } from '../common/useNow';
import { ProposalFilters } from './ProposalFilters';
import { ProposalRow } from './ProposalRow';
import { CacheNote } from '../cache/CacheNote';
import { useIndexedSearch } from '../cache/useIndexedSearch';
import { filterProposals, sortProposals } from './proposal-query';
import { useListKeys } from './useListKeys';
import type { ProposalView } from '../../shared/derive/state';

/** Keep in step with .proposal-row's height in styles.css. */
const rowHeight = 56;
const overscan = 8;
// jsdom and a first paint have no layout yet: assume a window's worth of rows.
const fallbackViewport = 640;

/** Every proposal, filtered, with only the rows in view rendered so 10,000 stay smooth. */
export const ProposalList = () => {
  const proposals = useFeature('group', (s) => s.snapshot?.state.proposals);
  const status = useFeature('list', (s) => s.status);
  const kind = useFeature('list', (s) => s.kind);
  const query = useFeature('list', (s) => s.query);
  const sort = useFeature('list', (s) => s.sort);
  const selected = useFeature('list', (s) => s.selected);
  const select = useFeature('list', (s) => s.select);
  const now = useNow();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // Sorted once per snapshot and order; filtering the sorted rows is one pass per keystroke.
  const sorted = useMemo(() => sortProposals(proposals ?? [], sort), [proposals, sort]);
  const search = useIndexedSearch(query);
  // While the index answers, the rows of the last answered query stay: no flash of everything.
  const last = useRef<ProposalView[]>([]);
  const shown = useMemo(
    () =>
      search.pending
        ? last.current
        : filterProposals(sorted, {
            status,
            kind,
            query,
            ...(search.ids !== undefined && { found: search.ids }),
          }),
    [sorted, status, kind, query, search.pending, search.ids],
  );
  useEffect(() => {
    last.current = shown;
  }, [shown]);
  const current = Math.min(selected, Math.max(0, shown.length - 1));

  const moveTo = useCallback(
    (index: number) => {
      const to = Math.max(0, Math.min(shown.length - 1, index));
      select(to);
      const el = viewport.current;
      if (el === null) return;
      const height = el.clientHeight || fallbackViewport;
      if (to * rowHeight < el.scrollTop) el.scrollTop = to * rowHeight;
      else if ((to + 1) * rowHeight > el.scrollTop + height)
        el.scrollTop = (to + 1) * rowHeight - height;
      setScrollTop(el.scrollTop);
    },
    [select, shown.length],
  );
  useListKeys({
    next: useCallback(() => moveTo(current + 1), [moveTo, current]),
    previous: useCallback(() => moveTo(current - 1), [moveTo, current]),
    open: useCallback(() => {
      const p = shown[current];
      if (p) navigate(`/proposals/${p.id}`);
    }, [shown, current]),
  });

  const [height, setHeight] = useState(fallbackViewport);
  useLayoutEffect(() => {
    // As tall as the viewport can grow (it shrinks to fit a short list, and grows back).
    const measure = () =>
      setHeight(
        Math.max(viewport.current?.clientHeight ?? 0, Math.round(window.innerHeight * 0.65)) ||
          fallbackViewport,
      );
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  // A new filter starts at the top, where its selection (the first row) is.
  useLayoutEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [status, kind, query, sort]);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(shown.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  return (
    <section className="stack">
      <h1>Proposals</h1>
      <CacheNote />
      <ProposalFilters />
      <p className="muted" aria-live="polite">
        {shown.length} of {proposals?.length ?? 0} proposals · j/k to move, Enter to open
      </p>
      <div
        ref={viewport}
        className="list-viewport"
        // A short list takes the room its rows need, not the whole viewport.
        style={{ height: `min(65vh, ${shown.length * rowHeight + 2}px)` }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        role="list"
        aria-label="Proposals"
      >
        <div style={{ height: first * rowHeight }} />
        {shown.slice(first, end).map((p, i) => (
          <div role="listitem" key={p.id}>
            <ProposalRow
              proposal={p}
              selected={first + i === current}
              now={now}
              onPick={() => select(first + i)}
            />
          </div>
        ))}
        <div style={{ height: (shown.length - end) * rowHeight }} />
      </div>
    </section>
  );
};

/** What the UI benchmark runs inside the page, written against the few DOM types it needs. */

/** The little of the DOM the page-side functions use (this project has no DOM types). */
export type PageGlobals = {
  document: { querySelector: (s: string) => { textContent: string | null } | null };
  performance: { now: () => number; timeOrigin: number };
  requestAnimationFrame: (f: () => void) => void;
  MutationObserver: new (f: () => void) => {
    observe: (target: unknown, options: Record<string, boolean>) => void;
  };
  indexedDB: {
    databases: () => Promise<{ name?: string }[]>;
    open: (name: string) => {
      result: {
        transaction: (store: string) => {
          objectStore: (store: string) => {
            count: () => { result: number; onsuccess: (() => void) | null };
          };
        };
        close: () => void;
      };
      onsuccess: (() => void) | null;
      onerror: (() => void) | null;
    };
  };
  firstRow?: Paint;
  tally: { text: string; at: number }[];
};

export type Paint = { found: number; painted?: number; fromCache: boolean };

/** Runs in every page: when the first row appears, and what each change of `tally-yes` was. */
export const watchScript = () => {
  const g = globalThis as unknown as PageGlobals;
  g.tally = [];
  let last: string | null | undefined;
  new g.MutationObserver(() => {
    if (g.firstRow === undefined && g.document.querySelector('[data-testid="proposal-row"]')) {
      const row: Paint = {
        found: g.performance.now(),
        fromCache: !!g.document.querySelector('.cache-note'),
      };
      g.firstRow = row;
      g.requestAnimationFrame(() => (row.painted = g.performance.now()));
    }
    const text = g.document.querySelector('[data-testid="tally-yes"]')?.textContent;
    if (text !== undefined && text !== last) {
      last = text;
      g.tally.push({ text: text ?? '', at: g.performance.timeOrigin + g.performance.now() });
    }
  }).observe(g.document, { subtree: true, childList: true, characterData: true });
};

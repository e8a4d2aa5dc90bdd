import { useCallback, useEffect, useRef, useState } from 'react';
import { humanMessage } from '../api/errors';
import type { Draft } from './draft';
import { openDrafts, type DraftRow, type Drafts } from '../data/drafts-db';

const DELAY_MS = 500;

export type DraftsView = {
  /** 'off' when this browser keeps no IndexedDB: the form works, without drafts. */
  status: 'opening' | 'on' | 'off';
  rows: DraftRow[];
  savedAt: number | undefined;
  error: string | undefined;
  /** Saves the draft after a pause in typing (the last one wins). */
  schedule: (id: string, draft: Draft) => void;
  /** Deletes a draft, and drops its save if one is waiting. */
  discard: (id: string) => Promise<void>;
  /** The draft open in the form when the page was last left, found as the drafts open. */
  reopened: DraftRow | undefined;
  /** Marks which draft the form shows (none: a fresh form), to open it again next time. */
  markOpen: (id: string | undefined) => void;
};

/** The drafts on this device for `group`, saved as the user types. */
export const useDrafts = (group: string | undefined): DraftsView => {
  const store = useRef<Drafts | undefined>(undefined);
  const pending = useRef<{ id: string; draft: Draft } | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [status, setStatus] = useState<DraftsView['status']>('opening');
  const [rows, setRows] = useState<DraftRow[]>([]);
  const [savedAt, setSavedAt] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [reopened, setReopened] = useState<DraftRow | undefined>();

  const guard = useCallback(
    async (work: (drafts: Drafts) => Promise<void>) => {
      const drafts = store.current;
      if (drafts === undefined) return;
      try {
        await work(drafts);
        setRows(await drafts.list(group));
        setError(undefined);
      } catch (e) {
        setError(`Drafts: ${humanMessage(e)}`);
      }
    },
    [group],
  );

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const next = pending.current;
    pending.current = undefined;
    if (next === undefined) return;
    const now = Date.now();
    await guard(async (d) => {
      await d.save(next.id, next.draft, now, group);
      await d.setOpen(group, next.id);
    });
    setSavedAt(now);
  }, [guard, group]);

  useEffect(() => {
    let live = true;
    openDrafts()
      .then(async (drafts) => {
        if (!live) return;
        store.current = drafts;
        setStatus(drafts ? 'on' : 'off');
        if (!drafts) return;
        setRows(await drafts.list(group));
        const last = await drafts.lastOpen(group);
        if (live) setReopened(last);
      })
      .catch((e: unknown) => {
        if (live) setError(`Drafts: ${humanMessage(e)}`);
      });
    return () => {
      live = false;
      // Leaving the page mid-pause keeps what was typed.
      void flush();
    };
  }, [flush, group]);

  const schedule = useCallback(
    (id: string, draft: Draft) => {
      pending.current = { id, draft };
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DELAY_MS);
    },
    [flush],
  );

  const discard = useCallback(
    async (id: string) => {
      if (pending.current?.id === id) {
        pending.current = undefined;
        clearTimeout(timer.current);
      }
      await guard((d) => d.remove(id));
    },
    [guard],
  );

  const markOpen = useCallback(
    (id: string | undefined) => void guard((d) => d.setOpen(group, id)),
    [guard, group],
  );

  return { status, rows, savedAt, error, schedule, discard, reopened, markOpen };
};

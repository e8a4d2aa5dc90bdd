/**
 * The draft the New proposal form shows, held once per client beyond the form's own life: leaving
 * the form and coming back finds it as it was, and another screen (Models, after an import) can
 * open the form with a draft of its own making.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { featureStore } from '../app/stores';
import { navigate } from '../app/useHashRoute';
import { useClient } from '../app/useStores';
import { newDraftId } from '../data/drafts-db';
import type { Draft } from './draft';

export type OpenDraft = {
  /** The group it is written for (undefined: not known when it was opened). */
  group: string | undefined;
  id: string;
  draft: Draft;
  /** Made elsewhere and not yet kept on this device. */
  unsaved?: true;
};

export type OpenDraftState = {
  open?: OpenDraft;
  hold: (open: OpenDraft) => void;
  clear: () => void;
};

const createOpenDraftStore = () =>
  createStore<OpenDraftState>()((set) => ({
    hold: (open) => set({ open }),
    clear: () => set({ open: undefined }),
  }));

export const useOpenDraft = <T>(selector: (s: OpenDraftState) => T): T =>
  useStore(featureStore(useClient(), 'new-proposal-open', createOpenDraftStore), selector);

/** The held draft, if it was written for `group` (or for no group in particular). */
export const heldFor = (open: OpenDraft | undefined, group: string | undefined) =>
  open !== undefined && (open.group === undefined || group === undefined || open.group === group)
    ? open
    : undefined;

/** Opens the New proposal form on a fresh draft made elsewhere, as a draft of its own. */
export const useProposeDraft = () => {
  const hold = useOpenDraft((s) => s.hold);
  return (draft: Draft, group: string | undefined) => {
    hold({ group, id: newDraftId(Date.now()), draft, unsaved: true });
    navigate('/new');
  };
};

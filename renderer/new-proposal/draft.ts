import type { CreateArg } from '../../shared/api-channels';
import type { DerivedState } from '../../shared/derive/state';

/** The kinds this form writes; the others are made with the command line for now. */
export const formKinds = ['resolution', 'poll', 'transfer-shares'] as const;
export type FormKind = (typeof formKinds)[number];

export type Draft = {
  kind: FormKind;
  title: string;
  body: string;
  options: string[];
  method: 'approval' | 'ranked';
  model: string;
  from: string;
  to: string;
  shares: string;
};

export const emptyDraft: Draft = {
  kind: 'resolution',
  title: '',
  body: '',
  options: ['', ''],
  method: 'approval',
  model: '',
  from: '',
  to: '',
  shares: '',
};

export const sharesOf = (state: DerivedState, model: string, member: string): number =>
  state.models.find((m) => m.slug === model)?.owners.find((o) => o.member === member)?.shares ?? 0;

/** Checks a draft against the group's state: the request to send, or what is wrong. */
export const toRequest = (
  draft: Draft,
  state: DerivedState,
): { ok: true; arg: CreateArg } | { ok: false; error: string } => {
  const title = draft.title.trim();
  if (title === '') return { ok: false, error: 'Give the proposal a title.' };
  if (title.length > 200) return { ok: false, error: 'Keep the title under 200 characters.' };
  const base = { title, body: draft.body };
  switch (draft.kind) {
    case 'resolution':
      return { ok: true, arg: { kind: 'resolution', ...base, params: {} } };
    case 'poll': {
      const options = draft.options.map((o) => o.trim()).filter(Boolean);
      if (options.length < 2) return { ok: false, error: 'A poll needs at least two options.' };
      if (new Set(options).size !== options.length)
        return { ok: false, error: 'Each option must be different.' };
      return {
        ok: true,
        arg: { kind: 'poll', ...base, params: { options, method: draft.method } },
      };
    }
    case 'transfer-shares': {
      const { model, from, to } = draft;
      if (!state.models.some((m) => m.slug === model)) return { ok: false, error: 'Pick a model.' };
      if (from === '' || to === '') return { ok: false, error: 'Pick who gives and who receives.' };
      if (from === to) return { ok: false, error: 'The giver and the receiver must differ.' };
      const shares = Number(draft.shares);
      if (!Number.isInteger(shares) || shares <= 0)
        return { ok: false, error: 'Shares must be a whole number above zero.' };
      const owned = sharesOf(state, model, from);
      if (shares > owned)
        return {
          ok: false,
          error: `That owner holds only ${owned} shares of ${model}.`,
        };
      return {
        ok: true,
        arg: { kind: 'transfer-shares', ...base, params: { model, from, to, shares } },
      };
    }
  }
};

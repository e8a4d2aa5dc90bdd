import type { ProposalView } from '../../shared/derive/state';

const byCreated = (a: ProposalView, b: ProposalView): number =>
  a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1;

/** The open proposals in the order they were made: the session's agenda. */
export const agenda = (proposals: ProposalView[]): ProposalView[] =>
  proposals.filter((p) => p.status === 'open').sort(byCreated);

/**
 * The proposals before and after the one shown, among the open ones. The one shown keeps its
 * place on the agenda once it closes, so ←/→ still lead where they did before the close.
 */
export const neighbours = (
  proposals: ProposalView[],
  current: ProposalView,
): { previous?: ProposalView; next?: ProposalView } => {
  const open = agenda(proposals).filter((p) => p.id !== current.id);
  const list = [...open, current].sort(byCreated);
  const at = list.indexOf(current);
  return { previous: list[at - 1], next: list[at + 1] };
};

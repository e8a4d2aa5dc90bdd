/** A ballot in words: a yes/no choice, approvals as a list, a ranking in its order. */
import type { ProposalView, VoteView } from '../../shared/derive/state';
import { pollParams } from './proposal-query';

/** Approvals as a list in words, "Mon, Tue and Wed"; a ranking in its order, "Tue > Mon". */
export const ballotText = (p: ProposalView, v: VoteView, verb = true): string => {
  if (v.choice) return v.choice;
  const params = pollParams(p);
  const options = params?.options ?? [];
  const ranked = params?.method === 'ranked';
  // A ranking keeps its order; approvals are a set, shown in the options' order.
  const indexes = ranked ? (v.options ?? []) : [...new Set(v.options ?? [])].sort((a, b) => a - b);
  const picked = indexes.map((i) => options[i] ?? `#${i}`);
  if (picked.length === 0) return 'none';
  if (ranked) return `${verb ? 'ranked ' : ''}${picked.join(' > ')}`;
  const last = picked.pop()!;
  const list = picked.length ? `${picked.join(', ')} and ${last}` : last;
  return verb ? `approves ${list}` : list;
};

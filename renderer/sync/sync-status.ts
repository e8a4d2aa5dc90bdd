import type { RemoteView } from '../../shared/api-types';
import { ago } from '../common/format';

const plural = (n: number, one: string, many: string): string =>
  `${n >= 1000 ? '1000+' : n} ${n === 1 ? one : many}`;

/** Where this repo stands with a remote, in words: when it last synced, and what waits. */
export const syncStatusText = (status: RemoteView['status'], now: number): string => {
  if (status === undefined) return '';
  const parts = [status.synced ? `synced ${ago(status.synced, now)}` : 'never synced'];
  if (status.ahead > 0) parts.push(`${plural(status.ahead, 'change', 'changes')} here to send`);
  else if (status.synced) parts.push('nothing new here');
  if (status.behind > 0)
    parts.push(`${plural(status.behind, 'change', 'changes')} of theirs not brought in`);
  return parts.join(' · ');
};

import type { DerivedState } from '../../shared/derive/state';

export const formatDate = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

export const formatDay = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
};

/** "2d 4h left", "3h 10m left", "closes any minute", or "deadline passed". */
export const countdown = (deadline: string, now: number): string => {
  const ms = new Date(deadline).getTime() - now;
  if (Number.isNaN(ms)) return '';
  if (ms <= 0) return 'deadline passed';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days}d ${hours}h left`;
  if (hours > 0) return `${hours}h ${minutes % 60}m left`;
  return minutes > 0 ? `${minutes}m left` : 'closes any minute';
};

/** How long ago `iso` was: "just now", "5 min ago", "3 h ago", "2 days ago". */
export const ago = (iso: string, now: number): string => {
  const ms = now - new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
};

export const shortId = (id: string): string => id.slice(0, 8);

/** A member's name by id, or the id's prefix when they are not (or no longer) a member. */
export const nameOf = (state: DerivedState | undefined, id: string): string =>
  state?.members.find((m) => m.id === id)?.name ?? shortId(id);

export const percent = (part: number, whole: number): number =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;

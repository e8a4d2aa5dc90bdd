/** Voting periods: "72h", "3d", "90m", "45s" or a plain number of seconds. */
const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export const parseDuration = (text: string): number | undefined => {
  const match = /^(\d{1,9})\s*([smhdw]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (units[match[2] || 's'] ?? 1);
  return seconds > 0 ? seconds : undefined;
};

export const formatDuration = (seconds: number): string => {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = units[unit]!;
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
};

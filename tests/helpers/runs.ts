/**
 * How many cases a property test runs: always a count, never a time budget, so a busy machine
 * makes a run slower but never makes it fail. `npm test` runs the quick count; `npm run
 * test:soak` (STEWARD_SOAK=1) the soak count; STEWARD_LONG=1 the long one. Each test names its
 * count in its title, so the report says how much was tried.
 */
const mode = (): 'quick' | 'soak' | 'long' =>
  process.env.STEWARD_LONG === '1' ? 'long' : process.env.STEWARD_SOAK === '1' ? 'soak' : 'quick';

export const runs = (counts: { quick: number; soak: number; long?: number }): number => {
  const m = mode();
  return m === 'long' ? (counts.long ?? counts.soak) : counts[m];
};

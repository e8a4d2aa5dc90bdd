/** The code a browser on the room's network gives before anything else. */
import { randomInt } from 'node:crypto';

/**
 * Eight characters easy to read aloud and type (no 0/O, 1/I/L): 31^8, some 8.5 × 10^11 codes,
 * so that guessing stays hopeless even from many addresses, each held to a few tries a minute.
 */
export const sessionCode = (): string =>
  Array.from({ length: 8 }, () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[randomInt(31)]).join('');

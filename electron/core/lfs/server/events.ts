/** What the LFS routes of `steward serve` report, beside git's events. */
import type { LfsOperation } from '../types';

/** What was turned down: a whole batch request, one transfer, or the locks call. */
export type RefusedOperation = LfsOperation | 'batch' | 'locks';

export type LfsEvent =
  /** An object (or its rest, from `from`) went out. */
  | { type: 'lfs-download'; oid: string; bytes: number; from: number; member?: string }
  /** An object came in, checked against its oid, and was kept. */
  | { type: 'lfs-upload'; oid: string; bytes: number; member: string }
  /**
   * A request was turned down, or `count` objects of a batch for one reason (`oid` the first of
   * them): one event per reason and batch, however many objects it names.
   */
  | {
      type: 'lfs-refused';
      operation: RefusedOperation;
      reason: string;
      oid?: string;
      count?: number;
      member?: string;
    };

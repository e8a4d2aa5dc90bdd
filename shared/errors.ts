/**
 * Every expected failure in Steward is a StewardError with a fixed code from this closed union.
 * Errors cross process boundaries as {code, message, data} and are rebuilt with `fromJSON`.
 */
export const errorCodes = [
  'internal',
  'invalid-argument',
  'not-found',
  'ambiguous-id',
  'no-identity',
  'identity-exists',
  'wrong-passphrase',
  'passphrase-required',
  'not-a-repo',
  'repo-exists',
  'not-a-member',
  'not-eligible',
  'proposal-closed',
  'proposal-open',
  'deadline-not-passed',
  'deadline-passed',
  'already-voted-same',
  'not-author',
  'invalid-statement',
  'conflict',
  'locked',
  'quarantined',
  // Sync: a merge that would rewrite history, data that is not a valid pack or bundle, a bundle
  // whose prerequisites are absent, a peer that cannot be reached, refused credentials, a push
  // the other side turned down.
  'sync-refused',
  'corrupt',
  'missing-prerequisites',
  'network',
  'unauthorized',
  'push-rejected',
  // A model that may not run: unregistered, retired, not imported, changed, or not approved.
  'not-runnable',
  // A run stopped at the user's request before it gave a result.
  'cancelled',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorJSON = { code: ErrorCode; message: string; data: Record<string, unknown> };

export class StewardError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = 'StewardError';
    this.code = code;
    this.data = data;
  }

  toJSON(): ErrorJSON {
    return { code: this.code, message: this.message, data: this.data };
  }

  static fromJSON(value: unknown): StewardError {
    if (typeof value === 'object' && value !== null) {
      const v = value as Partial<ErrorJSON>;
      const code = errorCodes.find((c) => c === v.code) ?? 'internal';
      const message = typeof v.message === 'string' ? v.message : 'unknown error';
      const data = typeof v.data === 'object' && v.data !== null ? v.data : {};
      return new StewardError(code, message, data);
    }
    return new StewardError('internal', 'unknown error');
  }
}

export const isStewardError = (e: unknown): e is StewardError => e instanceof StewardError;

/** The message of anything thrown. */
export const messageOf = (error: unknown): string =>
  error instanceof Error
    ? error.message
    : typeof error === 'string'
      ? error
      : JSON.stringify(error);

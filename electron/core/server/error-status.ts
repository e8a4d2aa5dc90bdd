/**
 * The HTTP status of each StewardError code, for every code: a refusal is a 4xx with its reason,
 * and only `internal` (a bug) is a 500. A code added to shared/errors.ts must be placed here, or
 * the build fails.
 */
import type { ErrorCode } from '../../../shared/errors';

export const statusOf: Record<ErrorCode, number> = {
  internal: 500,
  'invalid-argument': 400,
  'invalid-statement': 400,
  'ambiguous-id': 400,
  unauthorized: 401,
  'wrong-passphrase': 401,
  'no-identity': 401,
  'passphrase-required': 401,
  'not-a-member': 403,
  'not-eligible': 403,
  'not-author': 403,
  'not-runnable': 403,
  quarantined: 403,
  'not-found': 404,
  'not-a-repo': 404,
  conflict: 409,
  'identity-exists': 409,
  'repo-exists': 409,
  'proposal-closed': 409,
  'proposal-open': 409,
  'deadline-not-passed': 409,
  'deadline-passed': 409,
  'already-voted-same': 409,
  cancelled: 409,
  'sync-refused': 409,
  'push-rejected': 409,
  'missing-prerequisites': 409,
  corrupt: 422,
  network: 502,
  locked: 503,
};

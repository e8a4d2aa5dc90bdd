import type { ErrorCode } from '../../shared/errors';
import { toRequestError } from './api-error';

/** What the user reads for each expected error; absent codes show the server's own message. */
const messages: Partial<Record<ErrorCode, string>> = {
  'invalid-argument': 'That request was not valid.',
  'not-found': 'That does not exist (any more).',
  'no-identity': 'This machine has no identity to unlock.',
  'wrong-passphrase': 'That passphrase does not open this identity.',
  'passphrase-required': 'Enter the passphrase.',
  'not-a-member': 'You are not a member of this group, so you cannot write.',
  'not-eligible': 'You are not in the electorate of this proposal.',
  'proposal-closed': 'This proposal is already closed.',
  'proposal-open': 'This proposal is still open.',
  'deadline-not-passed':
    'The deadline has not passed and not everyone has voted, so it cannot be closed yet.',
  'deadline-passed': 'The voting window has closed.',
  'already-voted-same': 'You already cast this same vote.',
  'not-author': 'Only the author can do that.',
  locked: 'The group’s records are busy with another change: try again in a moment.',
  network: 'Could not reach the app. Check the connection and try again.',
  unauthorized: "Enter the session code shown on the host's screen.",
  conflict: 'Someone else changed the group at the same time. Try again.',
};

/** The human message for a rejected request: one per code, else what the server said. */
export const humanMessage = (error: unknown): string => {
  const e = toRequestError(error);
  // The data's own detail beats a generic line when the server gave one for invalid input.
  if (e.code === 'invalid-argument' || e.code === 'invalid-statement') return e.message;
  // The app could not reach a peer or a remote (a sync): its message names which and why.
  if (e.code === 'network' && e.data.transport !== true) return e.message;
  return messages[e.code] ?? e.message;
};

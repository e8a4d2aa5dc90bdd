/** The note shown when the local cache fails: the app goes on from the server, so it is no alarm. */
export const cacheMessage = (error: unknown): string => {
  const name = error instanceof Error ? error.name : 'Error';
  const why =
    name === 'QuotaExceededError'
      ? 'this browser has no room left for it'
      : name === 'MissingAPIError' || name === 'InvalidStateError' || name === 'SecurityError'
        ? 'this browser does not allow it here (a private window?)'
        : `it failed (${name})`;
  return `Working from the server alone: the offline copy is off because ${why}.`;
};

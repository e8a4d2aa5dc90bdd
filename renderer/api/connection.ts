/**
 * How this page's link to the app stands, for the HTTP client to report and the UI to show:
 * `unreachable` while nothing answers (the app was stopped, or restarted on another address),
 * `back` once the event stream is open again after a drop (the app may have been restarted, and
 * forgotten this page's session: the UI asks again who it is).
 */
export type ConnectionState = 'open' | 'unreachable' | 'back';

export type Connection = {
  state: () => ConnectionState;
  report: (state: ConnectionState) => void;
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe: (listener: (state: ConnectionState) => void) => () => void;
};

export const createConnection = (): Connection => {
  let current: ConnectionState = 'open';
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    state: () => current,
    report: (state) => {
      // `back` is news every time it happens; the others only when they change.
      if (state === current && state !== 'back') return;
      current = state;
      listeners.forEach((listener) => listener(state));
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

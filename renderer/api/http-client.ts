import type { EventChannel, Events, StewardClient } from '../../shared/api-channels';
import { isEventChannel } from '../../shared/api-channels';
import { RequestError, toRequestError } from './api-error';
import type { Connection } from './connection';

export type HttpDeps = {
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  location: Pick<Location, 'protocol' | 'host'>;
  setTimeout: (run: () => void, ms: number) => unknown;
  /** Where the client tells whether the app answers (none: nobody asks). */
  connection?: Connection;
};

export const browserDeps = (): HttpDeps => ({
  fetch: (...args) => window.fetch(...args),
  WebSocket: window.WebSocket,
  location: window.location,
  setTimeout: (run, ms) => window.setTimeout(run, ms),
});

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { error: { code: 'internal', message: text || response.statusText, data: {} } };
  }
};

type Listener = (payload: unknown) => void;

const post = (deps: HttpDeps, channel: string, arg: unknown): Promise<Response> =>
  deps.fetch(`/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(arg),
  });

/**
 * One WebSocket for every event, opened on the first listener and reopened with backoff when it
 * drops, for as long as someone listens. After a drop, each attempt first asks the app who this
 * page is: that says whether the app answers at all, and a restarted app's answer brings the new
 * session cookie without which it refuses the event stream.
 */
const eventSocket = (deps: HttpDeps) => {
  const listeners = new Map<EventChannel, Set<Listener>>();
  let socket: WebSocket | undefined;
  let attempt = 0;
  // An open socket closed, and the app has not answered since.
  let dropped = false;
  const url = `${deps.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${deps.location.host}/api/events`;
  const listening = (): boolean => [...listeners.values()].some((set) => set.size > 0);

  const open = (): void => {
    if (socket !== undefined || !listening()) return;
    const ws = new deps.WebSocket(url);
    let opened = false;
    socket = ws;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
    };
    ws.onmessage = (message: MessageEvent) => {
      const data = JSON.parse(String(message.data)) as { event?: unknown; payload?: unknown };
      if (!isEventChannel(data.event)) return;
      listeners.get(data.event)?.forEach((listener) => listener(data.payload));
    };
    ws.onclose = () => {
      socket = undefined;
      if (opened) dropped = true;
      const delay = Math.min(30_000, 500 * 2 ** attempt);
      attempt += 1;
      deps.setTimeout(() => void reopen(), delay);
    };
  };

  const reopen = async (): Promise<void> => {
    if (socket !== undefined || !listening()) return;
    if (dropped) {
      try {
        await post(deps, 'session:get', {});
        dropped = false;
        deps.connection?.report('back');
      } catch (error) {
        // fetch rejects (a TypeError) only when nothing answered; anything else is a bug.
        if (!(error instanceof TypeError)) throw error;
        deps.connection?.report('unreachable');
      }
    }
    open();
  };

  return <E extends EventChannel>(event: E, listener: (payload: Events[E]) => void) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped: Listener = (payload) => listener(payload as Events[E]);
    set.add(wrapped);
    open();
    return () => {
      set.delete(wrapped);
      if (!listening()) {
        const ws = socket;
        socket = undefined;
        if (ws) {
          ws.onclose = null;
          ws.close();
        }
      }
    };
  };
};

/** The typed client over `steward serve`: POST per request, one WebSocket for events. */
export const httpClient = (deps: HttpDeps = browserDeps()): StewardClient => ({
  invoke: async (channel, arg) => {
    let response: Response;
    try {
      response = await post(deps, channel, arg);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.connection?.report('unreachable');
      // This client could not reach the app at all (not the app failing to reach a peer).
      throw new RequestError({ code: 'network', message, data: { transport: true } });
    }
    // Answered again after answering nothing: the app may have been restarted meanwhile.
    if (deps.connection?.state() === 'unreachable') deps.connection.report('back');
    const body = (await readJson(response)) as { result?: unknown; error?: unknown };
    if (response.status === 200) return body.result as never;
    throw toRequestError(body.error ?? { code: 'internal', message: response.statusText });
  },
  on: eventSocket(deps),
});

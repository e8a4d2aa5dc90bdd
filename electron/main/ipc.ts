/**
 * The window's requests and events over Electron's IPC: one handler per allowlisted channel, each
 * refusing a sender that is not the app's own page, and every answer an envelope (`{result}` or
 * `{error: {code, message, data}}`), since IPC would strip an Error to its message. Kept free of
 * Electron's runtime so a plain test can drive it.
 */
import { requestChannels, type EventChannel } from '../../shared/api-channels';
import { StewardError, type ErrorJSON } from '../../shared/errors';
import type { Api, ApiSession } from '../core/api/api';
import type { ReviewRoom } from '../core/server/review-room';

export type IpcMainLike = {
  handle: (channel: string, listener: (event: unknown, arg: unknown) => Promise<unknown>) => void;
};

export type Envelope = { result: unknown } | { error: ErrorJSON };

export const errorJson = (error: unknown): ErrorJSON =>
  error instanceof StewardError
    ? error.toJSON()
    : {
        code: 'internal',
        message: error instanceof Error ? error.message : String(error),
        data: {},
      };

export const registerIpc = (
  ipc: IpcMainLike,
  api: Api,
  session: ApiSession,
  fromApp: (event: unknown) => boolean,
  /** The review session's room, which answers the `review:*` requests. */
  room?: ReviewRoom,
): void => {
  for (const channel of requestChannels) {
    ipc.handle(channel, async (event, arg): Promise<Envelope> => {
      if (!fromApp(event))
        return { error: errorJson(new StewardError('unauthorized', 'IPC from outside the app')) };
      try {
        const result = room?.handles(channel)
          ? await room.invoke(channel, arg, session)
          : await api.invoke(channel, arg, session);
        return { result };
      } catch (error) {
        return { error: errorJson(error) };
      }
    });
  }
};

/**
 * Sends the API's events to the window: those for every client and those for this session, and
 * the review room's changes.
 */
export const forwardEvents = (
  api: Api,
  session: ApiSession,
  send: (event: EventChannel, payload: unknown) => void,
  room?: ReviewRoom,
): (() => void) => {
  const stopApi = api.on((event, payload, target) => {
    if (target === undefined || target === session.id) send(event, payload);
  });
  const stopRoom = room?.on((change) => send('review:onDidChange', change));
  return () => {
    stopApi();
    stopRoom?.();
  };
};

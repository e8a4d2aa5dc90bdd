/**
 * The room's own listener: the app's UI and API on this machine's LAN address, opened by the host
 * (`review:host`) beside the app's listener on 127.0.0.1. It shares the app's Api, so the room sees
 * the same group, but it keeps its own sessions, admits none of them before the session code
 * (whatever address a browser comes from), and has no host link: nobody there is the host.
 */
import type { Api } from '../api/api';
import { mountApi } from './api-http';
import { createHttpServer } from './http';
import type { ReviewRoom } from './review-room';
import type { Served } from './serve';

export type RoomServerOptions = {
  api: Api;
  room: ReviewRoom;
  /** The LAN address to listen on, and the port (0: any free one). */
  host: string;
  port: number;
  /** The built renderer; absent: the API alone. */
  renderer?: string;
  idleMs?: number;
  onError?: (error: unknown) => void;
};

export const serveRoom = async (options: RoomServerOptions): Promise<Served> => {
  const onError = options.onError ?? ((e: unknown) => console.error(e));
  const server = createHttpServer({ host: options.host, port: options.port, onError });
  const ui = mountApi(server, {
    api: options.api,
    room: options.room,
    ...(options.renderer && { renderer: options.renderer }),
    ...(options.idleMs !== undefined && { idleMs: options.idleMs }),
    trustLoopback: false,
    ownsApi: false,
    onError,
  });
  let url: string;
  try {
    url = await server.listen();
  } catch (error) {
    await ui.close();
    throw error;
  }
  return {
    url,
    close: async () => {
      await ui.close();
      await server.close();
    },
  };
};

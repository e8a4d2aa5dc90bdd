/**
 * The desktop app in a browser, for a machine without Electron: the same UI and API as the
 * window, on 127.0.0.1 only, for this machine's user. The group is the one the app had open
 * (or none yet: the guided start), and it can switch, which `steward serve` cannot. The host may
 * open it to the room's network for a review session (review-room.ts), and close it again.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { Api } from '../api/api';
import { Workspace } from '../api/workspace';
import { mountApi } from './api-http';
import { createHttpServer } from './http';
import { ReviewRoom } from './review-room';
import { serveRoom } from './room-server';
import type { Served } from './serve';

export type AppServerOptions = {
  home: string;
  version: string;
  renderer?: string;
  demoBundle?: string;
  port?: number;
  /** The secret of the host's own browser link (`/host?token=…`). */
  hostToken: string;
  onError?: (error: unknown) => void;
  /** This machine's network interfaces (tests give their own). */
  interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** The room's session code (tests give their own; by default a new one at each opening). */
  newCode?: () => string;
};

export const serveApp = async (options: AppServerOptions): Promise<Served> => {
  const workspace = new Workspace(options.home);
  await workspace.restore();
  const onError = options.onError ?? ((e: unknown) => console.error(e));
  const room: ReviewRoom = new ReviewRoom({
    home: options.home,
    listen: (host, port) =>
      serveRoom({
        api,
        room,
        host,
        port,
        onError,
        ...(options.renderer && { renderer: options.renderer }),
      }),
    ...(options.interfaces && { interfaces: options.interfaces }),
    ...(options.newCode && { newCode: options.newCode }),
  });
  const api: Api = new Api({
    workspace,
    transport: 'http',
    version: options.version,
    // Read at every request: the room's code while it is open to the network, none otherwise.
    get code() {
      return room.code;
    },
    ...(options.demoBundle && { demoBundle: options.demoBundle }),
  });
  const server = createHttpServer({ host: '127.0.0.1', port: options.port ?? 0, onError });
  const ui = mountApi(server, {
    api,
    room,
    ...(options.renderer && { renderer: options.renderer }),
    hostToken: options.hostToken,
    onError,
  });
  const url = await server.listen();
  return {
    url,
    close: async () => {
      await room.close();
      await ui.close();
      await server.close();
    },
  };
};

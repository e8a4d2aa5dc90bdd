/**
 * The desktop app in a browser, for a machine without Electron: the same UI and API as the
 * window, on 127.0.0.1 only, for this machine's user. The group is the one the app had open
 * (or none yet: the guided start), and it can switch, which `steward serve` cannot.
 */
import { Api } from '../api/api';
import { Workspace } from '../api/workspace';
import { mountApi } from './api-http';
import { createHttpServer } from './http';
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
};

export const serveApp = async (options: AppServerOptions): Promise<Served> => {
  const workspace = new Workspace(options.home);
  await workspace.restore();
  const onError = options.onError ?? ((e: unknown) => console.error(e));
  const server = createHttpServer({ host: '127.0.0.1', port: options.port ?? 0, onError });
  const ui = mountApi(server, {
    api: new Api({
      workspace,
      transport: 'http',
      version: options.version,
      ...(options.demoBundle && { demoBundle: options.demoBundle }),
    }),
    ...(options.renderer && { renderer: options.renderer }),
    hostToken: options.hostToken,
    onError,
  });
  const url = await server.listen();
  return {
    url,
    close: async () => {
      await ui.close();
      await server.close();
    },
  };
};

import {
  app,
  BrowserWindow,
  ipcMain,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { Api, type ApiSession } from '../core/api/api';
import { Workspace } from '../core/api/workspace';
import { stewardHome } from '../core/identity/home';
import { passphraseMemory } from '../core/identity/remembered';
import { ReviewRoom } from '../core/server/review-room';
import { serveRoom } from '../core/server/room-server';
import { forwardEvents, registerIpc } from './ipc';
import { isAppNavigation, isSafeExternalUrl } from './safe-url';
import { contentSecurityPolicy, windowOptions } from './window-options';

const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const pagePath = join(import.meta.dirname, '../renderer/index.html');
const appUrl = pathToFileURL(pagePath).href;

const openExternally = (url: string): void => {
  if (!isSafeExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => console.error('openExternal failed', error));
};

const fromApp = (event: unknown): boolean =>
  isAppNavigation((event as IpcMainInvokeEvent).senderFrame?.url ?? '', appUrl);

/** The window is one session, the host's own; its key is unlocked here, in main, only. */
const windowSession: ApiSession = { id: 'window', admitted: true, host: true };
const demoBundle = join(import.meta.dirname, '../../resources/demo/group.bundle');

app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppNavigation(event.url, appUrl)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  // A navigation the app allowed may be redirected by whatever answers it: checked again here.
  contents.on('will-redirect', (event) => {
    if (isAppNavigation(event.url, appUrl)) return;
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

const createWindow = async (): Promise<void> => {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    // The smallest size the layout is made and tested for (tests/e2e/layout.test.ts).
    minWidth: 800,
    minHeight: 700,
    title: 'Steward',
    show: false,
    webPreferences: windowOptions(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  await win.loadFile(pagePath);
};

const fail = (error: unknown): void => {
  console.error(error);
  app.exit(1);
};

const start = async (): Promise<void> => {
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders };
    responseHeaders['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false),
  );
  // Checks (what a page can query without asking, e.g. the clipboard or media devices) too.
  session.defaultSession.setPermissionCheckHandler(() => false);
  const workspace = new Workspace(stewardHome());
  await workspace.restore();
  // The host may open the app to the room's network: the UI in the browsers there.
  const room: ReviewRoom = new ReviewRoom({
    home: workspace.home,
    listen: (host, port) => serveRoom({ api, room, host, port, renderer: dirname(pagePath) }),
  });
  const api: Api = new Api({
    workspace,
    transport: 'electron',
    // The room's code while it is open to the network; none otherwise.
    get code() {
      return room.code;
    },
    version: app.getVersion(),
    // The keychain of this user of this computer keeps the passphrase, if they ask it to.
    passphrases: passphraseMemory(workspace.home, safeStorage),
    ...(existsSync(demoBundle) && { demoBundle }),
  });
  registerIpc(ipcMain, api, windowSession, fromApp, room);
  forwardEvents(
    api,
    windowSession,
    (event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(event, payload);
    },
    room,
  );
  api.watch();
  app.on('before-quit', () => {
    void room.close();
    void api.stop();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow().catch(fail);
  });
  await createWindow();
};

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

start().catch(fail);

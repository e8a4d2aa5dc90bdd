/**
 * The Electron main process as it starts, run against a stand-in for the `electron` module (the
 * binary cannot run here): the sandbox is enabled for every renderer, windows open with the
 * hardened options, new windows are denied and only vetted links leave for the system browser,
 * navigation away from the app is stopped, permissions are refused, the CSP header is set on every
 * response, and IPC answers the allowlisted channels alone, only to the app's own page.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { requestChannels } from '../../../shared/api-channels';
import { contentSecurityPolicy } from '../../../electron/main/window-options';
import { tempDir } from '../../helpers/cli';

type Handler = (...args: unknown[]) => unknown;

const seen = {
  sandbox: false,
  windows: [] as { webPreferences: Record<string, unknown> }[],
  loaded: [] as string[],
  appEvents: new Map<string, Handler>(),
  ipc: new Map<string, Handler>(),
  headers: undefined as Handler | undefined,
  permissions: undefined as Handler | undefined,
  permissionCheck: undefined as Handler | undefined,
  opened: [] as string[],
  encrypted: [] as string[],
};

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: () => undefined };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      seen.windows.push(options);
    }
    static getAllWindows = () => [];
    once() {}
    show() {}
    loadFile(path: string) {
      seen.loaded.push(path);
      return Promise.resolve();
    }
  }
  return {
    app: {
      enableSandbox: () => {
        seen.sandbox = true;
      },
      whenReady: () => Promise.resolve(),
      getVersion: () => '0.0.0-test',
      on: (event: string, handler: Handler) => void seen.appEvents.set(event, handler),
      exit: () => undefined,
      quit: () => undefined,
    },
    BrowserWindow,
    // The keychain stand-in: what main hands it must come back only through it.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => {
        seen.encrypted.push(text);
        return Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`);
      },
      decryptString: (data: Buffer) =>
        Buffer.from(data.toString().replace(/^sealed:/, ''), 'base64').toString(),
    },
    ipcMain: { handle: (channel: string, handler: Handler) => void seen.ipc.set(channel, handler) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (h: Handler) => void (seen.headers = h) },
        setPermissionRequestHandler: (h: Handler) => void (seen.permissions = h),
        setPermissionCheckHandler: (h: Handler) => void (seen.permissionCheck = h),
      },
    },
    shell: {
      openExternal: (url: string) => {
        seen.opened.push(url);
        return Promise.resolve();
      },
    },
  };
});

/** The handlers main attaches to a web contents, as Electron would call them. */
const contents = () => {
  const on = new Map<string, Handler>();
  let openHandler: Handler | undefined;
  const wc = {
    setWindowOpenHandler: (h: Handler) => void (openHandler = h),
    on: (event: string, h: Handler) => void on.set(event, h),
  };
  seen.appEvents.get('web-contents-created')!({}, wc);
  return { on, open: (url: string) => openHandler!({ url }) as { action: string } };
};

beforeAll(async () => {
  process.env.STEWARD_HOME = tempDir('steward-main-');
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(seen.loaded).toHaveLength(1));
});

describe('the main process', () => {
  it('enables the sandbox and opens the window with the hardened options', () => {
    expect(seen.sandbox).toBe(true);
    expect(seen.windows[0]!.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(seen.windows[0]!.webPreferences.preload)).toMatch(/preload\/index\.cjs$/);
    expect(seen.loaded[0]).toMatch(/renderer\/index\.html$/);
  });

  it('denies every new window and opens only vetted links outside', () => {
    const { open } = contents();
    expect(open('https://example.org/report')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('http://127.0.0.1:8080/')).toEqual({ action: 'deny' });
    expect(seen.opened).toEqual(['https://example.org/report']);
  });

  it('stops navigation away from the app and any webview', () => {
    const { on } = contents();
    let prevented = 0;
    const event = (url: string) => ({ url, preventDefault: () => void prevented++ });
    on.get('will-navigate')!(event('https://evil.example/phish'));
    on.get('will-attach-webview')!(event(''));
    expect(prevented).toBe(2);
  });

  it('stops a redirect away from the app, and opens nothing for it', () => {
    const { on } = contents();
    let prevented = 0;
    const event = (url: string) => ({ url, preventDefault: () => void prevented++ });
    const opened = seen.opened.length;
    on.get('will-redirect')!(event('https://evil.example/after-redirect'));
    on.get('will-redirect')!(event('http://127.0.0.1:8080/'));
    expect(prevented).toBe(2);
    expect(seen.opened).toHaveLength(opened);
    on.get('will-redirect')!(event(`file://${seen.loaded[0]}`));
    expect(prevented).toBe(2);
  });

  it('refuses every permission and sends the strict CSP on every response', () => {
    let granted: boolean | undefined;
    seen.permissions!({}, 'media', (g: boolean) => void (granted = g));
    expect(granted).toBe(false);
    for (const permission of ['media', 'clipboard-read', 'notifications', 'geolocation'])
      expect(seen.permissionCheck!({}, permission, 'file://', {})).toBe(false);
    let headers: Record<string, string[]> | undefined;
    seen.headers!(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => {
        headers = r.responseHeaders;
      },
    );
    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(headers?.['X-Other']).toEqual(['1']);
  });

  it('offers to remember the passphrase in the system keychain, and uses it', async () => {
    const page = { senderFrame: { url: `file://${seen.loaded[0]}` } };
    const get = seen.ipc.get('session:get')!;
    expect(await get(page, {})).toMatchObject({
      result: { transport: 'electron', host: true, passphrase: { canRemember: true } },
    });
    const create = seen.ipc.get('identity:create')!;
    await create(page, { name: 'Alice', passphrase: 'a long passphrase' });
    await seen.ipc.get('session:lock')!(page, {});
    const unlock = seen.ipc.get('session:unlock')!;
    expect(await unlock(page, { passphrase: 'a long passphrase', remember: true })).toMatchObject({
      result: { identity: { name: 'Alice' }, passphrase: { remembered: true } },
    });
    expect(seen.encrypted).toEqual(['a long passphrase']);
  });

  it('answers the allowlisted IPC channels alone, and only to the app’s own page', async () => {
    expect([...seen.ipc.keys()].sort()).toEqual([...requestChannels].sort());
    const version = seen.ipc.get('app:version')!;
    const page = { senderFrame: { url: `file://${seen.loaded[0]}` } };
    expect(await version(page, {})).toEqual({ result: { version: '0.0.0-test' } });
    const stranger = { senderFrame: { url: 'https://evil.example/' } };
    expect(await version(stranger, {})).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

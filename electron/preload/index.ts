import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isRequestChannel, type StewardBridge } from '../../shared/api-channels';

// The page's only way out: two functions, each checked against the channel allowlist.
const bridge: StewardBridge = {
  // Main answers `{result}` or `{error: {code, message, data}}`.
  invoke: async (channel, arg) => {
    // Rejections are plain `{code, message, data}` objects: contextBridge drops an Error's own
    // properties on the way to the page, and the code is what the UI shows a message for.
    if (!isRequestChannel(channel)) {
      const message = `unknown request channel: ${String(channel)}`;
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject({ code: 'not-found', message, data: {} });
    }
    const answer = (await ipcRenderer.invoke(channel, arg)) as
      { result: unknown } | { error: { code: string; message: string; data: unknown } };
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if ('error' in answer) return Promise.reject(answer.error);
    return answer.result;
  },
  on: (event, listener) => {
    if (!isEventChannel(event)) throw new Error(`unknown event channel: ${String(event)}`);
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('steward', bridge);

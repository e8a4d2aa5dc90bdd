import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isRequestChannel, type StewardBridge } from '../../shared/api-channels';

// The page's only way out: two functions, each checked against the channel allowlist.
const bridge: StewardBridge = {
  invoke: (channel, arg) =>
    isRequestChannel(channel)
      ? ipcRenderer.invoke(channel, arg)
      : Promise.reject(new Error(`unknown request channel: ${String(channel)}`)),
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

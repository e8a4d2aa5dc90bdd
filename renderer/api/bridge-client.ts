import type { StewardBridge, StewardClient } from '../../shared/api-channels';
import { toRequestError } from './api-error';

/** The typed client over Electron's preload bridge. */
export const bridgeClient = (bridge: StewardBridge): StewardClient => ({
  invoke: async (channel, arg) => {
    try {
      // The preload hands back what main sent; the contract says which type that is.
      return (await bridge.invoke(channel, arg)) as never;
    } catch (error) {
      throw toRequestError(error);
    }
  },
  on: (event, listener) => bridge.on(event, (payload) => listener(payload as never)),
});

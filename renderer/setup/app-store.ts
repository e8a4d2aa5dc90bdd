import { createStore } from 'zustand/vanilla';
import type { AppView, SessionView, StewardClient } from '../../shared/api-channels';
import { humanMessage } from '../api/errors';

/**
 * This machine as the app sees it (its identity, the group it has open), and the guided start's
 * calls that change it. Each action resolves to whether it worked; its error is kept to show.
 */
export type AppState = {
  app?: AppView;
  busy: boolean;
  error?: string;
  load: () => Promise<boolean>;
  createIdentity: (name: string, passphrase: string) => Promise<boolean>;
  importIdentity: (identity: string, passphrase: string) => Promise<boolean>;
  found: (name: string, votingPeriodHours?: number) => Promise<boolean>;
  join: (source: string) => Promise<boolean>;
  openDemo: () => Promise<boolean>;
  clearError: () => void;
};

export const createAppStore = (client: StewardClient) =>
  createStore<AppState>()((set) => {
    const run = async (call: () => Promise<AppView | SessionView>): Promise<boolean> => {
      set({ busy: true, error: undefined });
      try {
        const result = await call();
        // An identity call answers with the session; the app's view is read again after it.
        const app = 'hasIdentity' in result ? result : await client.invoke('app:get', {});
        set({ app, busy: false });
        return true;
      } catch (error) {
        set({ busy: false, error: humanMessage(error) });
        return false;
      }
    };
    return {
      busy: false,
      load: () => run(() => client.invoke('app:get', {})),
      createIdentity: (name, passphrase) =>
        run(() => client.invoke('identity:create', { name, passphrase })),
      importIdentity: (identity, passphrase) =>
        run(() => client.invoke('identity:import', { identity, passphrase })),
      found: (name, votingPeriodHours) =>
        run(() =>
          client.invoke('group:found', {
            name,
            ...(votingPeriodHours !== undefined && { votingPeriodHours }),
          }),
        ),
      join: (source) => run(() => client.invoke('group:join', { source })),
      openDemo: () => run(() => client.invoke('group:openDemo', {})),
      clearError: () => set({ error: undefined }),
    };
  });

export type AppStore = ReturnType<typeof createAppStore>;

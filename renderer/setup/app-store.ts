import { createStore } from 'zustand/vanilla';
import type { AppView, SessionView, StewardClient } from '../../shared/api-channels';
import type { KnownGroup } from '../../shared/api-types';
import { humanMessage } from '../api/errors';

/** A further founder of a new group: their name and Ed25519 public key. */
export type Founder = { name: string; key: string };

/**
 * This machine as the app sees it (its identity, the group it has open, the groups it knows), and
 * the calls that change it: the guided start's, and the group switcher's. Each action resolves to
 * whether it worked; its error is kept to show.
 */
export type AppState = {
  app?: AppView;
  /** The group folders this machine knows (group:list), once asked. */
  groups?: KnownGroup[];
  busy: boolean;
  error?: string;
  load: () => Promise<boolean>;
  createIdentity: (name: string, passphrase: string) => Promise<boolean>;
  importIdentity: (identity: string, passphrase: string) => Promise<boolean>;
  found: (name: string, votingPeriodHours?: number, founders?: Founder[]) => Promise<boolean>;
  join: (source: string) => Promise<boolean>;
  openDemo: () => Promise<boolean>;
  /** Opens a group folder on this machine by its full path. */
  open: (dir: string) => Promise<boolean>;
  /** Adds this identity's signature to the open folder's charter draft. */
  signCharter: () => Promise<boolean>;
  listGroups: () => Promise<boolean>;
  clearError: () => void;
};

export const createAppStore = (client: StewardClient) =>
  createStore<AppState>()((set) => {
    const attempt = async (call: () => Promise<void>): Promise<boolean> => {
      set({ busy: true, error: undefined });
      try {
        await call();
        set({ busy: false });
        return true;
      } catch (error) {
        set({ busy: false, error: humanMessage(error) });
        return false;
      }
    };
    const run = (call: () => Promise<AppView | SessionView>): Promise<boolean> =>
      attempt(async () => {
        const result = await call();
        // An identity call answers with the session; the app's view is read again after it.
        const app = 'hasIdentity' in result ? result : await client.invoke('app:get', {});
        set({ app });
      });
    return {
      busy: false,
      load: () => run(() => client.invoke('app:get', {})),
      createIdentity: (name, passphrase) =>
        run(() => client.invoke('identity:create', { name, passphrase })),
      importIdentity: (identity, passphrase) =>
        run(() => client.invoke('identity:import', { identity, passphrase })),
      found: (name, votingPeriodHours, founders = []) =>
        run(() =>
          client.invoke('group:found', {
            name,
            ...(votingPeriodHours !== undefined && { votingPeriodHours }),
            ...(founders.length > 0 && { founders }),
          }),
        ),
      join: (source) => run(() => client.invoke('group:join', { source })),
      openDemo: () => run(() => client.invoke('group:openDemo', {})),
      open: (dir) => run(() => client.invoke('group:open', { dir })),
      signCharter: () => run(() => client.invoke('group:signCharter', {})),
      // A refresh of the list: it holds up no other action while it runs.
      listGroups: async () => {
        try {
          const { groups } = await client.invoke('group:list', {});
          set({ groups });
          return true;
        } catch (error) {
          set({ error: humanMessage(error) });
          return false;
        }
      },
      clearError: () => set({ error: undefined }),
    };
  });

export type AppStore = ReturnType<typeof createAppStore>;

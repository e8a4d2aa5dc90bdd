import { createStore } from 'zustand/vanilla';
import type { SessionView, StewardClient } from '../../shared/api-channels';
import { humanMessage } from '../api/errors';

export type SessionState = {
  view?: SessionView;
  /** The user chose to look without signing in. */
  readOnly: boolean;
  /** This client gave the session code (the server may keep reporting `needsCode`). */
  admitted: boolean;
  busy: boolean;
  error?: string;
  load: () => Promise<void>;
  join: (code: string) => Promise<void>;
  /** `remember`: have the desktop app's keychain keep it (true) or forget it (false). */
  unlock: (passphrase: string, remember?: boolean) => Promise<void>;
  /** The desktop app forgets the passphrase it remembered. */
  forget: () => Promise<void>;
  unlockFile: (identity: string, passphrase: string) => Promise<void>;
  lock: () => Promise<void>;
  continueReadOnly: () => void;
};

export const createSessionStore = (client: StewardClient) =>
  createStore<SessionState>()((set, get) => {
    const run = async (call: () => Promise<SessionView>): Promise<void> => {
      set({ busy: true, error: undefined });
      try {
        const view = await call();
        set({ view, busy: false });
      } catch (error) {
        set({ busy: false, error: humanMessage(error) });
      }
    };
    return {
      readOnly: false,
      admitted: false,
      busy: false,
      load: () => run(() => client.invoke('session:get', {})),
      join: async (code) => {
        await run(() => client.invoke('session:join', { code }));
        if (get().error === undefined) set({ admitted: true });
      },
      unlock: (passphrase, remember) =>
        run(() =>
          client.invoke('session:unlock', {
            passphrase,
            ...(remember !== undefined && { remember }),
          }),
        ),
      forget: () => run(() => client.invoke('session:forget', {})),
      unlockFile: (identity, passphrase) =>
        run(() => client.invoke('session:unlockFile', { identity, passphrase })),
      lock: async () => {
        await run(() => client.invoke('session:lock', {}));
        set({ readOnly: false });
      },
      continueReadOnly: () => set({ readOnly: true, error: undefined }),
    };
  });

export type SessionStore = ReturnType<typeof createSessionStore>;

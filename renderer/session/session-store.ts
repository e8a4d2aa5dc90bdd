import { createStore } from 'zustand/vanilla';
import type { SessionView, StewardClient } from '../../shared/api-channels';
import { toRequestError } from '../api/api-error';
import { humanMessage } from '../api/errors';

export type SessionState = {
  view?: SessionView;
  /** The user chose to look without signing in. */
  readOnly: boolean;
  /** This client gave the session code (the server may keep reporting `needsCode`). */
  admitted: boolean;
  busy: boolean;
  error?: string;
  /**
   * The app forgot this page's session (it was restarted): `host`, the host's own page, which
   * only the new link can make the host's again; `session`, a page that joins or signs in again.
   */
  restarted?: 'host' | 'session';
  load: () => Promise<void>;
  /** Asks again who this page is, after the app answers again following a drop. */
  recheck: () => Promise<void>;
  join: (code: string) => Promise<void>;
  /** `remember`: have the desktop app's keychain keep it (true) or forget it (false). */
  unlock: (passphrase: string, remember?: boolean) => Promise<void>;
  /** The desktop app forgets the passphrase it remembered. */
  forget: () => Promise<void>;
  unlockFile: (identity: string, passphrase: string) => Promise<void>;
  lock: () => Promise<void>;
  continueReadOnly: () => void;
  /** Back from read-only to the sign-in. */
  leaveReadOnly: () => void;
};

/**
 * What a refused code says: that it is wrong, or, once too many were wrong, to wait (the server's
 * own words); a code was typed, so "enter the code" would not be the answer.
 */
const joinMessage = (error: unknown): string => {
  const e = toRequestError(error);
  if (e.code !== 'unauthorized') return humanMessage(error);
  return /too many/i.test(e.message)
    ? `Too many wrong codes: wait a minute and try again.`
    : "That is not the session code. Check it on the host's screen and try again.";
};

export const createSessionStore = (client: StewardClient) =>
  createStore<SessionState>()((set, get) => {
    const run = async (call: () => Promise<SessionView>): Promise<void> => {
      set({ busy: true, error: undefined });
      try {
        const view = await call();
        // Signed in again after a restart: the notice has done its work.
        set({
          view,
          busy: false,
          ...(view.identity && get().restarted && { restarted: undefined }),
        });
      } catch (error) {
        set({ busy: false, error: humanMessage(error) });
      }
    };
    return {
      readOnly: false,
      admitted: false,
      busy: false,
      load: () => run(() => client.invoke('session:get', {})),
      recheck: async () => {
        const before = get().view;
        let view: SessionView;
        try {
          view = await client.invoke('session:get', {});
        } catch (error) {
          set({ error: humanMessage(error) });
          return;
        }
        const forgotten =
          before !== undefined &&
          ((before.host && !view.host) ||
            (before.identity !== undefined && view.identity === undefined) ||
            (!before.needsCode && view.needsCode));
        if (!forgotten) return set({ view });
        set({
          view,
          readOnly: false,
          admitted: false,
          error: undefined,
          restarted: before.host ? 'host' : 'session',
        });
      },
      join: async (code) => {
        set({ busy: true, error: undefined });
        try {
          const view = await client.invoke('session:join', { code });
          set({ view, busy: false, admitted: true, restarted: undefined });
        } catch (error) {
          set({ busy: false, error: joinMessage(error) });
        }
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
      continueReadOnly: () =>
        set({
          readOnly: true,
          error: undefined,
          ...(get().restarted === 'session' && { restarted: undefined }),
        }),
      leaveReadOnly: () => set({ readOnly: false, error: undefined }),
    };
  });

export type SessionStore = ReturnType<typeof createSessionStore>;

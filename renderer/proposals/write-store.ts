import { createStore } from 'zustand/vanilla';
import type { CreateArg, StewardClient, VoteArg } from '../../shared/api-channels';
import { humanMessage } from '../api/errors';

export type WriteState = {
  busy: boolean;
  error?: string;
  /** Each write resolves to the new statement's id, or undefined when it failed (see `error`). */
  create: (arg: CreateArg) => Promise<string | undefined>;
  vote: (arg: VoteArg) => Promise<string | undefined>;
  close: (proposal: string) => Promise<string | undefined>;
  withdraw: (proposal: string) => Promise<string | undefined>;
  certify: (proposal: string) => Promise<string | undefined>;
  consent: (proposal: string) => Promise<string | undefined>;
  clearError: () => void;
};

/** Every write the UI makes on proposals: one at a time, its error kept until the next. */
export const createWriteStore = (client: StewardClient) =>
  createStore<WriteState>()((set) => {
    const run = async (call: () => Promise<{ id: string }>): Promise<string | undefined> => {
      set({ busy: true, error: undefined });
      try {
        const { id } = await call();
        set({ busy: false });
        return id;
      } catch (error) {
        set({ busy: false, error: humanMessage(error) });
        return undefined;
      }
    };
    return {
      busy: false,
      create: (arg) => run(() => client.invoke('proposals:create', arg)),
      vote: (arg) => run(() => client.invoke('proposals:vote', arg)),
      close: (proposal) => run(() => client.invoke('proposals:close', { proposal })),
      withdraw: (proposal) => run(() => client.invoke('proposals:withdraw', { proposal })),
      certify: (proposal) => run(() => client.invoke('proposals:certify', { proposal })),
      consent: (proposal) => run(() => client.invoke('proposals:consent', { proposal })),
      clearError: () => set({ error: undefined }),
    };
  });

export type WriteStore = ReturnType<typeof createWriteStore>;

import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { LocalModelStatus, ModelFileCheck } from '../../shared/api-types';
import { humanMessage } from '../api/errors';
import { versionKey, withoutCliHint } from './model-format';

export type LocalState = {
  /** What may run on the host's machine, per registered version, and why not. */
  statuses: LocalModelStatus[];
  loaded: boolean;
  error?: string;
  /** The last file check of each version, by versionKey. */
  checks: Record<string, ModelFileCheck>;
  checking: Record<string, boolean>;
  checkErrors: Record<string, string>;
  load: () => Promise<void>;
  verify: (model: string, version: string) => Promise<void>;
};

/** The host machine's side of the registry: local statuses and file checks. */
export const createLocalStore = (client: StewardClient) =>
  createStore<LocalState>()((set, get) => ({
    statuses: [],
    loaded: false,
    checks: {},
    checking: {},
    checkErrors: {},
    load: async () => {
      try {
        const { models } = await client.invoke('models:local', {});
        set({ statuses: models, loaded: true, error: undefined });
      } catch (error) {
        set({ loaded: true, error: withoutCliHint(humanMessage(error)) });
      }
    },
    verify: async (model, version) => {
      const key = versionKey(model, version);
      const checkErrors = { ...get().checkErrors };
      delete checkErrors[key];
      set({ checking: { ...get().checking, [key]: true }, checkErrors });
      try {
        const check = await client.invoke('models:verify', { model, version });
        set({ checks: { ...get().checks, [key]: check } });
      } catch (error) {
        set({ checkErrors: { ...get().checkErrors, [key]: withoutCliHint(humanMessage(error)) } });
      } finally {
        set({ checking: { ...get().checking, [key]: false } });
      }
    },
  }));

import { createStore } from 'zustand/vanilla';
import type { StewardClient } from '../../shared/api-channels';
import type { AuditFile } from '../../shared/api-types';
import { humanMessage } from '../api/errors';

export type AuditFormat = 'csv' | 'html';
export type AuditRequest = { from: string; to: string; format: AuditFormat };

export type AuditState = {
  busy: boolean;
  /** The last export's files, and what was asked: the format and the period. */
  result?: AuditRequest & { files: AuditFile[] };
  error?: string;
  /** Empty bounds are left open: from the group's start, up to the head. */
  run: (request: AuditRequest) => Promise<void>;
};

export const createAuditStore = (client: StewardClient) =>
  createStore<AuditState>()((set) => ({
    busy: false,
    run: async ({ from, to, format }) => {
      set({ busy: true, error: undefined });
      try {
        const { files } = await client.invoke('audit:export', {
          format,
          ...(from !== '' && { from }),
          ...(to !== '' && { to }),
        });
        set({ busy: false, result: { format, from, to, files } });
      } catch (error) {
        set({ busy: false, result: undefined, error: humanMessage(error) });
      }
    },
  }));

export type AuditStore = ReturnType<typeof createAuditStore>;

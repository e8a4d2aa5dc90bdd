/** What the cache tests share: a client whose state request waits, and a count of cache writes. */
import { Dexie, type DBCoreMutateRequest } from 'dexie';
import type { Requests, RequestChannel } from '../../../shared/api-channels';
import { FakeClient } from './fake-client';

/** A fake whose `group:get` waits while `held`, as a slow network would. */
export class HeldClient extends FakeClient {
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  hold(): this {
    this.gate = new Promise((resolve) => (this.open = resolve));
    return this;
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    if (channel === 'group:get' && this.gate) await this.gate;
    return super.invoke(channel, arg);
  }
}

export type Write = { db: string; table: string; type: DBCoreMutateRequest['type']; rows: number };
export type Read = { db: string; table: string; index: string };

/** Every write and indexed query any Dexie database makes from now on, as IndexedDB sees it. */
export const watchDexie = (): { writes: Write[]; reads: Read[] } => {
  const seen = { writes: [] as Write[], reads: [] as Read[] };
  Dexie.addons.push((db) => {
    db.use({
      stack: 'dbcore',
      name: 'test-watch',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: (req) => {
              const rows =
                'values' in req ? req.values.length : 'keys' in req ? req.keys.length : 0;
              seen.writes.push({ db: db.name, table: name, type: req.type, rows });
              return table.mutate(req);
            },
            query: (req) => {
              seen.reads.push({ db: db.name, table: name, index: req.query.index.name ?? '' });
              return table.query(req);
            },
          };
        },
      }),
    });
  });
  return seen;
};

/** Deletes every IndexedDB database, as a user clearing site data would. */
export const deleteAllDatabases = async (): Promise<void> => {
  // Dexie warns as it closes the connections a previous "start" left open: expected here.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    for (const { name } of await indexedDB.databases()) if (name) await Dexie.delete(name);
  } finally {
    console.warn = warn;
  }
};

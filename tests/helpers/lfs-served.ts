/**
 * A model group (tests/helpers/model-group.ts: Alice, tiny models imported and registered) served
 * by `serveRepo` in this process with Git LFS: `holder` serves Alice's model store (it has every
 * file), `empty` a store of its own that has none, `membersOnly` Alice's store to members alone.
 * Carol has an identity and is no member. The servers' clock can be moved on.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Signer } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { LFS_MEDIA_TYPE } from '../../electron/core/lfs/types';
import { ModelStore } from '../../electron/core/models/store';
import { serveRepo, type ServeEvent, type Served } from '../../electron/core/server/serve';
import { Person, tempDir } from './cli';
import { basicAuth, proofFor, unlockPerson } from './git-remote';
import { modelGroup, type ModelGroup, type StoredFile } from './model-group';

export const sha256 = (bytes: Buffer | string): string =>
  createHash('sha256').update(bytes).digest('hex');

export type LfsServed = {
  g: ModelGroup;
  holder: Served;
  empty: Served;
  membersOnly: Served;
  emptyStore: ModelStore;
  aliceStore: ModelStore;
  alice: Signer;
  carol: Signer;
  carolHome: string;
  events: ServeEvent[];
  /** Milliseconds added to the servers' clock. */
  shift: { ms: number };
  /** A registered file of the tiny BERT, with its bytes. */
  file: (i?: number) => StoredFile & { bytes: Buffer };
  /** The size the group's records give a file, if they give one. */
  recordedSize: (sha256: string) => Promise<number | undefined>;
  /** `Authorization` header with a fresh proof by `who` for the server at `url`. */
  proof: (who: 'alice' | 'carol', url: string) => Promise<string>;
  batch: (url: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;
  close: () => Promise<void>;
};

export const lfsServed = async (): Promise<LfsServed> => {
  const g = await modelGroup();
  const carolHome = join(g.root, 'carol');
  new Person(carolHome, g.repo).json(
    new Date().toISOString(),
    'identity',
    'create',
    '--name',
    'Carol',
  );
  const alice = await unlockPerson({ home: g.home, passphrase: 'correct horse battery' });
  const carol = await unlockPerson({ home: carolHome, passphrase: 'correct horse battery' });
  const events: ServeEvent[] = [];
  const shift = { ms: 0 };
  const now = () => Date.now() + shift.ms;
  const aliceStore = new ModelStore(join(g.home, 'models'));
  const emptyStore = new ModelStore(tempDir('steward-lfs-empty-'));
  const serve = async (models: ModelStore, members = false) =>
    serveRepo({
      ledger: await Ledger.open(g.repo),
      models,
      now,
      onEvent: (e) => events.push(e),
      ...(members && { readAccess: () => Promise.resolve('members' as const) }),
    });
  const holder = await serve(aliceStore);
  const empty = await serve(emptyStore);
  const membersOnly = await serve(aliceStore, true);
  const signers = { alice, carol };
  return {
    g,
    holder,
    empty,
    membersOnly,
    emptyStore,
    aliceStore,
    alice,
    carol,
    carolHome,
    events,
    shift,
    file: (i = 0) => {
      const f = g.imported.bert[i]!;
      return { ...f, bytes: readFileSync(join(g.bertDir, f.path)) };
    },
    recordedSize: async (oid) => {
      const { state } = await (await Ledger.open(g.repo)).load(new Date());
      const files = state.models.flatMap((m) => m.versions.flatMap((v) => v.files));
      return files.find((f) => f.sha256 === oid)?.size;
    },
    proof: async (who, url) => basicAuth(await proofFor(url, signers[who])),
    batch: (url, body, headers = {}) =>
      fetch(`${url}/info/lfs/objects/batch`, {
        method: 'POST',
        headers: { 'Content-Type': LFS_MEDIA_TYPE, Accept: LFS_MEDIA_TYPE, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: async () => {
      await Promise.all([holder.close(), empty.close(), membersOnly.close()]);
      rmSync(g.root, { recursive: true, force: true });
      rmSync(emptyStore.root, { recursive: true, force: true });
    },
  };
};

/**
 * Brings a registered version's missing files into the model store, by hash, from each source
 * in turn: a peer's `steward serve` or a forge (Git LFS over HTTP), or a folder in LFS's layout.
 * Every byte is hashed as it arrives and only a verified file becomes a blob. A dropped
 * connection is retried from where it stopped, and what it brought stays as a partial for the
 * next run; a refused copy (wrong bytes, wrong length, an error) is deleted and the next source
 * tried. A stop (the signal) keeps every verified file and no partial. Once every file is here,
 * the version is recorded in the store like an import, so `model run` accepts it.
 */
import { stat } from 'node:fs/promises';
import { StewardError } from '../../../shared/errors';
import type { DerivedState } from '../../../shared/derive/state';
import { exists, sizeIfExists } from '../fs-exists';
import type { ModelStore } from '../models/store';
import { recordOf } from '../models/verify';
import type { HttpAuth } from '../sync/remote-http';
import { authorizationFor, batch, type BatchAnswer, type Session } from './batch';
import { BlobReceiver } from './blob-receiver';
import { attempt, type Run } from './fetch-attempt';
import { copyObject, findObject } from './folder-object';
import { downloadObject } from './http-object';
import { meter } from './rate';
import { lockOid } from './oid-lock';
import { prunePartials } from './partials';
import { recordSize } from './record-size';
import { describe, Refused } from './refusal';
import type { FetchedFile, FetchResult, LfsSource, Refusal, TransferProgress } from './types';

type FetchOptions = {
  store: ModelStore;
  state: DerivedState;
  model: string;
  version: string;
  /** Tried in order, for each file still missing. */
  sources: LfsSource[];
  auth: (source: LfsSource) => HttpAuth;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (p: TransferProgress) => void;
};

export const fetchVersion = async (options: FetchOptions): Promise<FetchResult> => {
  const { store, state, model, version, signal } = options;
  const record = recordOf(state, model, version);
  await prunePartials(store, state, options.now);
  const files: FetchedFile[] = [];
  for (const f of record) {
    const here = await sizeIfExists(store.blobPath(f.sha256));
    files.push({
      path: f.path,
      sha256: f.sha256,
      size: recordSize(f) ?? here ?? null,
      source: null,
      status: here === undefined ? 'missing' : 'present',
    });
  }
  const missing = (): FetchedFile[] => files.filter((f) => f.status === 'missing');
  const partials = new Map<string, number>();
  for (const f of missing())
    partials.set(f.sha256, (await sizeIfExists(store.partialPath(f.sha256))) ?? 0);
  const still = (f: FetchedFile): number =>
    Math.max(0, (f.size ?? 0) - (partials.get(f.sha256) ?? 0));
  const progress = meter(
    unique(missing()).reduce((n, f) => n + still(f), 0),
    options.onProgress,
  );
  const refused: Refusal[] = [];
  const touched = new Set<string>();
  const run: Run = {
    store,
    signal,
    files,
    refused,
    progress,
    touched,
    busy: new Set(),
    stopped: async (holding) => {
      // Keeps what was verified and nothing else: every partial this fetch wrote or resumed,
      // unless another fetch now owns it (then it is that one's to keep or delete).
      for (const oid of touched) {
        if (oid === holding) {
          await BlobReceiver.discardFor(store, oid);
          continue;
        }
        const lock = await lockOid(store, oid, { wait: false });
        if (!lock) continue;
        try {
          await BlobReceiver.discardFor(store, oid);
        } finally {
          await lock.release();
        }
      }
      const kept = files.filter((f) => f.status === 'fetched').map((f) => f.path);
      throw new StewardError(
        'cancelled',
        `the fetch of ${model}@${version} was stopped: ${kept.length} verified file(s) kept, nothing partial`,
        { kept },
      );
    },
  };
  const stopped = () => run.stopped();

  for (const source of options.sources) {
    const wanted = unique(missing()).filter((f) => !run.busy.has(f.sha256));
    if (wanted.length === 0) break;
    if (signal?.aborted) return stopped();
    if (source.kind === 'folder') {
      for (const file of wanted) {
        const found = await findObject(source.dir, file.sha256);
        if (found instanceof Refused) {
          refused.push({
            source: source.name,
            path: file.path,
            sha256: file.sha256,
            reason: `${source.name} ${found.reason}`,
          });
          continue;
        }
        if (!found) {
          refused.push({
            source: source.name,
            path: file.path,
            sha256: file.sha256,
            reason: `${source.name} has no copy of it`,
          });
          continue;
        }
        const size = file.size ?? found.size;
        await attempt(run, file, source, size, (r, onBytes) =>
          copyObject(found, r, { onBytes, ...(signal ? { signal } : {}) }),
        );
      }
      continue;
    }
    const session: Session = {};
    let answer: BatchAnswer;
    try {
      answer = await batch({
        endpoint: source.url,
        operation: 'download',
        objects: wanted.map((f) => ({ oid: f.sha256, size: f.size ?? 0 })),
        known: new Map(wanted.map((f) => [f.sha256, f.size ?? undefined])),
        auth: options.auth(source),
        session,
        ...(state.group ? { group: state.group.id } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) return stopped();
      const reason = error instanceof Refused ? error.reason : `failed: ${describe(error)}`;
      for (const file of wanted)
        refused.push({
          source: source.name,
          path: file.path,
          sha256: file.sha256,
          reason: `${source.name} ${reason}`,
        });
      continue;
    }
    for (const file of wanted) {
      const given = answer.get(file.sha256)!;
      if (given instanceof Refused) {
        refused.push({
          source: source.name,
          path: file.path,
          sha256: file.sha256,
          reason: `${source.name} ${given.reason}`,
        });
        continue;
      }
      if (file.size === null) progress.grow(given.size);
      const size = file.size ?? given.size;
      await attempt(run, file, source, size, (r, onBytes) =>
        downloadObject(given.actions.download!, r, {
          onBytes,
          ...(signal ? { signal } : {}),
          authorization: authorizationFor(given.actions.download!.href, source.url, session),
        }),
      );
    }
  }
  if (signal?.aborted) return stopped();
  await recordIfComplete(options, files);
  const fetched = files.filter((f) => f.status === 'fetched').length;
  return { model, version, files, fetched, bytes: progress.bytes, refused };
};

/** One entry per oid: two paths with the same bytes are fetched once. */
const unique = (files: FetchedFile[]): FetchedFile[] => {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.sha256) && seen.add(f.sha256));
};

/** Writes the store's manifest once every file is here, unless one already names them. */
const recordIfComplete = async (options: FetchOptions, files: FetchedFile[]): Promise<void> => {
  const { store, model, version } = options;
  if (files.some((f) => f.status === 'missing')) return;
  const current = (await store.list()).find((m) => m.model === model && m.version === version);
  const same =
    current &&
    current.files.length === files.length &&
    files.every((f) => current.files.some((c) => c.path === f.path && c.sha256 === f.sha256));
  if (same) return;
  const stored = [];
  for (const f of files) {
    if (!(await exists(store.blobPath(f.sha256)))) return;
    stored.push({
      path: f.path,
      sha256: f.sha256,
      size: f.size ?? (await stat(store.blobPath(f.sha256))).size,
    });
  }
  const from = [...new Set(files.map((f) => f.source).filter((s): s is string => s !== null))];
  await store.adopt(
    model,
    version,
    stored,
    `lfs: ${from.join(', ') || 'already here'}`,
    options.now,
  );
};

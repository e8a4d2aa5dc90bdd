/**
 * The local model store: files of imported models kept once each under their SHA-256, in
 * `<STEWARD_HOME>/models/blobs/sha256/<hash>`, and one manifest per imported version naming its
 * files. Files are hashed while they are copied, so a file is read once; a copy is written under a
 * temporary name and renamed only once its hash is known, so the store never holds a blob whose
 * name is not its hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isStewardError, StewardError } from '../../../shared/errors';
import { exists } from '../fs-exists';
import { copyHashed, hashFile, modelFiles, parseModelRef } from './model-files';

export type StoredFile = { path: string; sha256: string; size: number };

export type Manifest = {
  model: string;
  version: string;
  imported: string;
  source: string;
  files: StoredFile[];
};

export type ImportProgress = { file: string; bytes: number; total: number };

/**
 * The blobs imports under way in this process have stored or found, by path, counted per import:
 * a cancelled import removes only the blobs no one else holds. (Another process importing the
 * same bytes at the same moment is not seen: its manifest would name a blob a cancel removed,
 * which `steward model verify` reports as missing.)
 */
const claims = new Map<string, number>();
const claim = (path: string, by: number): void => {
  const n = (claims.get(path) ?? 0) + by;
  if (n > 0) claims.set(path, n);
  else claims.delete(path);
};

export class ModelStore {
  constructor(readonly root: string) {}

  blobPath(sha256: string): string {
    return join(this.root, 'blobs', 'sha256', sha256);
  }

  /** A download a dropped connection interrupted, kept under its oid until it is resumed. */
  partialPath(sha256: string): string {
    return join(this.root, 'blobs', 'partial', sha256);
  }

  private manifestPath(model: string, version: string): string {
    return join(this.root, 'manifests', model, `${version}.json`);
  }

  /** Copies a file into the store while hashing it; the blob is named by its hash. */
  private async storeFile(
    file: string,
    onBytes: (n: number) => void,
    signal?: AbortSignal,
  ): Promise<StoredFile & { fresh: boolean }> {
    const tmpDir = join(this.root, 'blobs', 'tmp');
    await mkdir(tmpDir, { recursive: true });
    await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
    const tmp = join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      const { sha256, size } = await copyHashed(file, tmp, {
        onBytes,
        ...(signal ? { signal } : {}),
      });
      const fresh = !(await exists(this.blobPath(sha256)));
      if (fresh) await rename(tmp, this.blobPath(sha256));
      else await unlink(tmp);
      return { path: '', sha256, size, fresh };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async import(
    dir: string,
    options: {
      model?: string;
      version?: string;
      now: Date;
      onProgress?: (p: ImportProgress) => void;
      /** Stops the import between chunks: nothing is recorded, and no blob it added is kept. */
      signal?: AbortSignal;
    },
  ): Promise<Manifest> {
    const model =
      options.model ??
      basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+/, '');
    const version = options.version ?? '1';
    parseModelRef(`${model}@${version}`);
    const paths = await modelFiles(dir);
    const sizes = await Promise.all(paths.map(async (p) => (await stat(join(dir, p))).size));
    const total = sizes.reduce((a, b) => a + b, 0);
    let bytes = 0;
    const files: StoredFile[] = [];
    const added: string[] = [];
    const cancelled = (): StewardError =>
      new StewardError('cancelled', `the import of ${model}@${version} was stopped; nothing kept`);
    try {
      for (const path of paths) {
        if (options.signal?.aborted) throw cancelled();
        const { fresh, ...stored } = await this.storeFile(
          join(dir, path),
          (n) => {
            bytes += n;
            options.onProgress?.({ file: path, bytes, total });
          },
          options.signal,
        );
        claim(this.blobPath(stored.sha256), +1);
        if (fresh) added.push(stored.sha256);
        files.push({ ...stored, path });
      }
      if (options.signal?.aborted) throw cancelled();
    } catch (error) {
      // The blobs this import brought, unless a version imported meanwhile uses them, or another
      // import under way in this process holds them too.
      const kept = new Set((await this.list()).flatMap((m) => m.files.map((f) => f.sha256)));
      for (const sha of added) {
        if (kept.has(sha) || (claims.get(this.blobPath(sha)) ?? 0) > 1) continue;
        await rm(this.blobPath(sha), { force: true });
      }
      if (options.signal?.aborted && !isStewardError(error)) throw cancelled();
      throw error;
    } finally {
      for (const f of files) claim(this.blobPath(f.sha256), -1);
    }
    return this.writeManifest({
      model,
      version,
      imported: options.now.toISOString(),
      source: dir,
      files,
    });
  }

  private async writeManifest(manifest: Manifest): Promise<Manifest> {
    const target = this.manifestPath(manifest.model, manifest.version);
    await mkdir(join(this.root, 'manifests', manifest.model), { recursive: true });
    // A name of its own: two fetches of one version (the app and the CLI) may both record it.
    const tmp = `${target}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n');
    await rename(tmp, target);
    return manifest;
  }

  /**
   * Records a version whose every file is already here as a blob (brought by a fetch, by hash),
   * as an import would have: from then on `model run` checks it like any imported version.
   */
  async adopt(
    model: string,
    version: string,
    files: StoredFile[],
    source: string,
    now: Date,
  ): Promise<Manifest> {
    parseModelRef(`${model}@${version}`);
    for (const f of files) {
      if (!(await exists(this.blobPath(f.sha256))))
        throw new StewardError('not-found', `${model}@${version}: ${f.path} is not in the store`);
    }
    return this.writeManifest({ model, version, imported: now.toISOString(), source, files });
  }

  async list(): Promise<Manifest[]> {
    const dir = join(this.root, 'manifests');
    if (!(await exists(dir))) return [];
    const out: Manifest[] = [];
    for (const model of (await readdir(dir)).sort()) {
      for (const name of (await readdir(join(dir, model))).sort()) {
        if (!name.endsWith('.json')) continue;
        out.push(JSON.parse(await readFile(join(dir, model, name), 'utf8')) as Manifest);
      }
    }
    return out;
  }

  /** The imported versions of a model: one, or all of them when no version is given. */
  async find(model: string, version?: string): Promise<Manifest[]> {
    const found = (await this.list()).filter(
      (m) => m.model === model && (version === undefined || m.version === version),
    );
    if (found.length === 0) {
      throw new StewardError(
        'not-found',
        `${model}${version ? `@${version}` : ''} is not in the model store (steward model list)`,
      );
    }
    return found;
  }

  /** Forgets imported versions, then deletes the blobs no other version uses. */
  async remove(model: string, version?: string): Promise<{ removed: Manifest[]; freed: number }> {
    const removed = await this.find(model, version);
    for (const m of removed) await unlink(this.manifestPath(m.model, m.version));
    const kept = new Set((await this.list()).flatMap((m) => m.files.map((f) => f.sha256)));
    let freed = 0;
    for (const sha of new Set(removed.flatMap((m) => m.files.map((f) => f.sha256)))) {
      if (kept.has(sha)) continue;
      const path = this.blobPath(sha);
      freed += (await stat(path).catch(() => ({ size: 0 }))).size;
      await rm(path, { force: true });
    }
    return { removed, freed };
  }

  private datasetPath(sha256: string): string {
    return join(this.root, 'datasets', `${sha256}.jsonl`);
  }

  /**
   * Keeps an evaluation's dataset under its hash, so that the evidence it backs can be reproduced
   * from the hash alone. Written under a temporary name and renamed, like a blob.
   */
  async keepDataset(sha256: string, bytes: Uint8Array): Promise<void> {
    const path = this.datasetPath(sha256);
    if (await exists(path)) return;
    await mkdir(join(this.root, 'datasets'), { recursive: true });
    const tmp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }

  /** A dataset kept here, if its bytes still hash to its name. */
  async dataset(sha256: string): Promise<Buffer | undefined> {
    const bytes = await readFile(this.datasetPath(sha256)).catch(() => undefined);
    if (!bytes) return undefined;
    return createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : undefined;
  }

  /** Hashes a stored blob again; undefined when it is missing. */
  async rehash(sha256: string): Promise<string | undefined> {
    const path = this.blobPath(sha256);
    if (!(await exists(path))) return undefined;
    return hashFile(path);
  }
}

/**
 * What a model folder holds and how its files are named and hashed: the folder's files in the
 * Hugging Face layout, `SLUG@VERSION` references, and a file's SHA-256 at OpenSSL's speed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StewardError } from '../../../shared/errors';
import { exists } from '../fs-exists';

const SLUG = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
/** What a Hugging Face folder holds beside the weights: configuration and tokenizer files. */
const TOP_LEVEL = /\.(json|txt|model)$/;

/** The files of a model folder: its top-level configuration and everything under `onnx/`. */
export const modelFiles = async (dir: string): Promise<string[]> => {
  let top: string[];
  try {
    top = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && TOP_LEVEL.test(e.name))
      .map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new StewardError('not-found', `${dir} does not exist`);
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw new StewardError('invalid-argument', `${dir} is not a folder`);
    throw error;
  }
  const onnx = join(dir, 'onnx');
  const weights = (await exists(onnx))
    ? (await readdir(onnx, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    : [];
  if (!weights.some((w) => w.endsWith('.onnx'))) {
    throw new StewardError(
      'invalid-argument',
      `${dir} holds no ONNX model: expected onnx/*.onnx (the Hugging Face layout)`,
    );
  }
  return [...top, ...weights].sort();
};

export const parseModelRef = (text: string): { model: string; version?: string } => {
  const [model, version] = text.split('@') as [string, string?];
  if (!SLUG.test(model)) {
    throw new StewardError(
      'invalid-argument',
      `"${model}" is not a model slug (lowercase letters, digits, ".", "_", "-")`,
    );
  }
  if (version !== undefined && !VERSION.test(version))
    throw new StewardError('invalid-argument', `"${version}" is not a version`);
  return { model, ...(version !== undefined ? { version } : {}) };
};

const CHUNK = 4 << 20;

/**
 * SHA-256 of a file, reading the next chunk while the current one is hashed: two buffers, so the
 * copy from the page cache and the hashing overlap (a stream's small chunks and its machinery
 * left the hash at about two thirds of OpenSSL's own speed).
 */
export const hashFile = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  const file = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let k = 0;
    let pending = file.read(buffers[0]!, 0, CHUNK, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const current = buffers[k]!;
      k ^= 1;
      pending = file.read(buffers[k]!, 0, CHUNK, null);
      hash.update(current.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
};

/**
 * Copies `source` to `dest` while hashing it, so the file is read once: its SHA-256 and size.
 * `exclusive` refuses a `dest` that exists. The caller removes `dest` if the copy fails.
 */
export const copyHashed = async (
  source: string,
  dest: string,
  options: { onBytes: (n: number) => void; signal?: AbortSignal; exclusive?: boolean },
): Promise<{ sha256: string; size: number }> => {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    highWaterMark: 1 << 20,
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      options.onBytes(chunk.length);
      done(null, chunk);
    },
  });
  await pipeline(
    createReadStream(source, { highWaterMark: 1 << 20 }),
    tap,
    createWriteStream(dest, options.exclusive ? { flags: 'wx' } : {}),
    ...(options.signal ? [{ signal: options.signal }] : []),
  );
  return { sha256: hash.digest('hex'), size };
};

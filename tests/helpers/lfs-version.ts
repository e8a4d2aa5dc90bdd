/**
 * A registered version made of random files, without a group repo: a source store holding the
 * blobs, and the smallest derived state that registers them (what `fetchVersion` reads).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DerivedState } from '../../shared/derive/state';
import { ModelStore } from '../../electron/core/models/store';
import { tempDir } from './cli';

export type LfsVersion = {
  source: ModelStore;
  state: DerivedState;
  files: { path: string; sha256: string; size: number }[];
};

/** `sizes` become files `f0.bin`, `f1.bin`…; `sized: false` registers them without a size. */
export const lfsVersion = (sizes: number[], { sized = true } = {}): LfsVersion => {
  const source = new ModelStore(tempDir('steward-lfs-src-'));
  const files = sizes.map((size, i) => {
    const bytes = randomBytes(size);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(dirname(source.blobPath(sha256)), { recursive: true });
    writeFileSync(source.blobPath(sha256), bytes);
    return { path: `f${i}.bin`, sha256, size };
  });
  const recorded = files.map((f) => (sized ? f : { path: f.path, sha256: f.sha256 }));
  const state = {
    models: [{ slug: 'big', versions: [{ version: '1.0', files: recorded }] }],
  } as unknown as DerivedState;
  return { source, state, files };
};

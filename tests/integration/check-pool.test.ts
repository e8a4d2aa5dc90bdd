import { describe, expect, it } from 'vitest';
import { checkFile } from '../../shared/format/check';
import { nodeCrypto } from '../../electron/core/crypto';
import { checkFiles } from '../../electron/core/ledger/check-pool';
import { makeSigner, MemoryGroup } from '../helpers/memory-group';

describe('checkFiles', () => {
  it('gives, on worker threads, exactly the results of checking each file in process', async () => {
    const [alice, bob] = [makeSigner('Alice'), makeSigner('Bob')];
    const g = new MemoryGroup([alice, bob]);
    for (let i = 0; i < 700; i++) {
      const p = g.propose(alice, 1 + i / 1000, 'resolution', {}, `r${i}`);
      g.vote(alice, 2, p, 'yes');
      g.vote(bob, 2, p, 'no');
    }
    const files = g.files.map((f, i) => {
      if (i % 97 !== 5) return f;
      // Every 97th file tampered: a different byte, so a bad signature.
      const bytes = new Uint8Array(f.bytes!);
      bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 1;
      return { ...f, bytes };
    });
    expect(files.length).toBeGreaterThan(2000);
    const progress: number[] = [];
    const pooled = await checkFiles(files, (done) => progress.push(done));
    expect(pooled).toEqual(files.map((f) => checkFile(f, nodeCrypto)));
    expect(pooled.filter((r) => r.ok === false).length).toBeGreaterThan(15);
    expect(progress.at(-1)).toBe(files.length);
  });
});

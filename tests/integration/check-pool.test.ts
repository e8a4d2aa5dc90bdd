import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../shared/format/check';
import { nodeCrypto } from '../../electron/core/crypto';
import { checkEntries } from '../../electron/core/ledger/check-pool';
import { listFiles, readFiles } from '../../electron/core/ledger/read';
import { openRepo } from '../../electron/core/ledger/repo';
import { git, tempDir } from '../helpers/cli';
import { makeSigner, MemoryGroup } from '../helpers/memory-group';

describe('checkEntries', () => {
  it('gives, reading and checking on worker threads, exactly the in-process results', async () => {
    const [alice, bob] = [makeSigner('Alice'), makeSigner('Bob')];
    const g = new MemoryGroup([alice, bob]);
    for (let i = 0; i < 700; i++) {
      const p = g.propose(alice, 1 + i / 1000, 'resolution', {}, `r${i}`);
      g.vote(alice, 2, p, 'yes');
      g.vote(bob, 2, p, 'no');
    }
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    for (const [i, f] of g.files.entries()) {
      const bytes = new Uint8Array(f.bytes!);
      // Every 97th file tampered: one byte changed, so a bad signature.
      if (i % 97 === 5) bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 1;
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), bytes);
    }
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.name=T', '-c', 'user.email=t@t', 'commit', '-qm', 'all');
    git(dir, 'gc', '-q');

    const repo = await openRepo(dir);
    const { entries } = await listFiles(repo);
    expect(entries.length).toBeGreaterThan(2000);
    const progress: number[] = [];
    const pooled = await checkEntries(repo, entries, (done) => progress.push(done));
    const { files } = await readFiles(repo);
    expect(pooled).toEqual(files.map((f) => checkFile(f, nodeCrypto)));
    expect(pooled.filter((r) => r.ok === false).length).toBeGreaterThan(15);
    expect(progress.at(-1)).toBe(entries.length);
  });
});

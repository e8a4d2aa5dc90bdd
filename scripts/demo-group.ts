/**
 * Writes what the demo group ships with: OUTDIR/tiny-sentiment (the tiny model the app registers
 * and runs when it makes the demo, electron/core/demo/riverside.ts), and OUTDIR/group.bundle, a
 * copy of the demo made now, for the command line (`steward clone group.bundle DIR`). The app
 * makes a fresh demo each time it opens it, so that its open proposals are open. Run
 * `npm run build:cli` first, then `npx tsx scripts/demo-group.ts OUTDIR` (the shipped copy lives
 * in resources/demo/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeDemoGroup } from '../electron/core/demo/riverside';
import { ModelStore } from '../electron/core/models/store';
import { writeTinyEncoder } from './tiny-models';

const CLI = resolve(import.meta.dirname, '../out/cli/index.js');

const README = `# Riverside Community AI Lab — demo group

The app makes the demo group when it opens it (electron/core/demo/riverside.ts): four members
(Ana, Ben, Chloé and Dev) who registered a tiny sentiment model, moved shares in it, approved one
use, turned down a resolution, ran a ranked poll, and left two proposals open. Its story is dated
back from the moment it is made, so its open proposals are open. Each member's key is made for
that copy alone and never kept: nobody can add to it as these members.

\`tiny-sentiment/\` is the model the demo registers (a few kilobytes, written by
scripts/tiny-models.ts): the app imports it into this machine's model store, so Models → Run works
at once, offline. \`group.bundle\` is one such copy for the command line: \`steward clone
group.bundle DIR\`, then \`steward verify\` and \`steward list\` (its open proposals close three
days after it was made). Rebuild both with \`npx tsx scripts/demo-group.ts resources/demo\`.
`;

const buildDemo = async (out: string): Promise<void> => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli first`);
  const work = mkdtempSync(join(tmpdir(), 'steward-demo-'));
  try {
    const modelDir = join(out, 'tiny-sentiment');
    rmSync(modelDir, { recursive: true, force: true });
    await writeTinyEncoder(modelDir);
    const repo = join(work, 'riverside');
    await makeDemoGroup({
      dir: repo,
      modelDir,
      store: new ModelStore(join(work, 'models')),
      now: new Date(),
    });
    mkdirSync(out, { recursive: true });
    const bundle = join(out, 'group.bundle');
    rmSync(bundle, { force: true });
    const r = spawnSync(process.execPath, [CLI, 'bundle', 'create', bundle, '--repo', repo], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: work, STEWARD_HOME: join(work, 'home') },
    });
    if (r.status !== 0) throw new Error(`steward bundle create: ${r.stdout}${r.stderr}`);
    writeFileSync(join(out, 'README.md'), README);
    console.log(`wrote ${modelDir}, ${bundle} (${statSync(bundle).size} bytes) and README.md`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: npx tsx scripts/demo-group.ts OUTDIR');
  process.exit(2);
}
await buildDemo(resolve(outDir));

import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// The `steward` command line: one ESM file for plain Node 20, its npm dependencies left to
// node_modules (they are in `dependencies`).
const root = import.meta.dirname;
const external = [
  ...Object.keys(pkg.dependencies),
  ...builtinModules.flatMap((name) => [name, `node:${name}`]),
];

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    // Overwritten in place, so a test run building it never removes it from under another.
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      // The workers are loaded by file name next to index.js (check-pool.ts, models/runtime.ts).
      input: {
        index: resolve(root, 'electron/cli/index.ts'),
        'check-worker': resolve(root, 'electron/core/ledger/check-worker.ts'),
        'inference-worker': resolve(root, 'electron/core/models/inference-worker.ts'),
      },
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
    },
  },
});

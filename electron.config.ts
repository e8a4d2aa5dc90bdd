import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

// electron-vite looks for electron.vite.config.* only: the build passes --config electron.config.ts.
const root = import.meta.dirname;
const at = (path: string): string => resolve(root, path);

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      // The workers are loaded by file name next to index.js (check-pool.ts, models/runtime.ts).
      lib: {
        entry: {
          index: at('electron/main/index.ts'),
          'check-worker': at('electron/core/ledger/check-worker.ts'),
          'inference-worker': at('electron/core/models/inference-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload is run as one classic script: CommonJS, every dependency inlined.
      externalizeDeps: false,
      isolatedEntries: true,
      lib: {
        entry: at('electron/preload/index.ts'),
        formats: ['cjs'],
        fileName: () => 'index.cjs',
      },
    },
  },
  renderer: {
    root: at('renderer'),
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      rolldownOptions: { input: at('renderer/index.html') },
    },
  },
});

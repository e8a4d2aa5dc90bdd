import { resolve } from 'node:path';
import { build as buildApp } from 'electron-vite';
import { build } from 'vite';

// Integration tests spawn `node out/cli/index.js`, and the browser tests open the renderer it
// serves from out/renderer: build both once before any test runs.
// STEWARD_SKIP_BUILD=1 reuses the build already in out/ (a run of unit tests alone needs none).
export const setup = async (): Promise<void> => {
  if (process.env.STEWARD_SKIP_BUILD === '1') return;
  const root = resolve(import.meta.dirname, '../..');
  await build({ configFile: resolve(root, 'vite.cli.config.ts') });
  await buildApp({ configFile: resolve(root, 'electron.config.ts'), logLevel: 'warn' });
};

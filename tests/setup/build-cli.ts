import { resolve } from 'node:path';
import { build } from 'vite';

// Integration tests spawn `node out/cli/index.js`: build it once before any test runs.
export const setup = async (): Promise<void> => {
  await build({ configFile: resolve(import.meta.dirname, '../../vite.cli.config.ts') });
};

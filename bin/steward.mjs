#!/usr/bin/env node
// @ts-check
// Launcher for the built command line (out/cli/index.js), which runs on import.
import { existsSync } from 'node:fs';

const entry = new URL('../out/cli/index.js', import.meta.url);

if (!existsSync(entry)) {
  console.error('steward: not built yet — run `npm run build`');
  process.exit(1);
}

await import(entry.href);

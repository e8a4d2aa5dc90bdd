import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Real ESLint with the project's config, on sources that exist only in memory. Type-aware
// parsing needs files on disk, so it is switched off: the layer rule does not use types.
const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

const layerErrors = async (file: string, source: string): Promise<string[]> => {
  const [result] = await eslint.lintText(source, { filePath: resolve(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
};

type Case = [file: string, specifier: string];

const forbidden: Case[] = [
  ['shared/probe.ts', 'node:crypto'],
  ['shared/probe.ts', 'fs'],
  ['shared/probe.ts', 'fs/promises'],
  ['shared/probe.ts', 'path'],
  ['shared/probe.ts', 'child_process'],
  ['shared/probe.ts', 'electron'],
  ['shared/probe.ts', 'react'],
  ['shared/probe.ts', 'react-dom/client'],
  ['shared/probe.ts', '../electron/core/ledger'],
  ['shared/probe.ts', '../renderer/App'],
  ['shared/format/probe.ts', '../../electron/core/ledger'],
  ['electron/core/probe.ts', 'electron'],
  ['electron/core/probe.ts', '../main/index'],
  ['electron/core/probe.ts', '../preload/index'],
  ['electron/core/probe.ts', '../cli/index'],
  ['electron/core/probe.ts', '../../renderer/App'],
  ['electron/core/ledger/probe.ts', '../../main/index'],
  ['electron/core/ledger/probe.ts', '../../../electron/cli/index'],
  ['electron/cli/probe.ts', 'electron'],
  ['electron/cli/probe.ts', '../main/index'],
  ['electron/cli/probe.ts', '../preload/index'],
  ['electron/cli/probe.ts', '../../renderer/App'],
  ['electron/preload/probe.ts', 'node:fs'],
  ['electron/preload/probe.ts', 'fs'],
  ['electron/preload/probe.ts', 'react'],
  ['electron/preload/probe.ts', 'isomorphic-git'],
  ['electron/preload/probe.ts', '../core/ledger'],
  ['electron/preload/probe.ts', '../main/index'],
  ['electron/main/probe.ts', '../cli/index'],
  ['electron/main/probe.ts', '../../renderer/App'],
  ['renderer/probe.tsx', 'electron'],
  ['renderer/probe.tsx', 'node:fs'],
  ['renderer/probe.tsx', 'os'],
  ['renderer/probe.tsx', '../electron/core/ledger'],
  ['renderer/probe.tsx', '../electron/preload/index'],
  ['renderer/pages/probe.tsx', '../../electron/main/index'],
];

const allowed: Case[] = [
  ['shared/probe.ts', './canonical'],
  ['shared/format/probe.ts', '../canonical'],
  ['shared/probe.ts', 'canonicalize'],
  ['shared/probe.ts', 'ajv'],
  ['electron/core/probe.ts', 'node:fs'],
  ['electron/core/probe.ts', 'isomorphic-git'],
  ['electron/core/probe.ts', '../../shared/canonical'],
  ['electron/core/probe.ts', './keystore'],
  ['electron/cli/probe.ts', '../core/ledger'],
  ['electron/cli/probe.ts', '../../shared/canonical'],
  ['electron/cli/probe.ts', 'commander'],
  ['electron/cli/probe.ts', 'node:process'],
  ['electron/preload/probe.ts', 'electron'],
  ['electron/preload/probe.ts', '../../shared/api-channels'],
  ['electron/main/probe.ts', 'electron'],
  ['electron/main/probe.ts', 'node:path'],
  ['electron/main/probe.ts', '../core/ledger'],
  ['electron/main/probe.ts', '../../shared/api-channels'],
  ['renderer/probe.tsx', 'react'],
  ['renderer/probe.tsx', './App'],
  ['renderer/probe.tsx', '../shared/api-channels'],
  ['renderer/pages/probe.tsx', '../../shared/api-channels'],
  ['tests/unit/probe.test.ts', '../../electron/core/ledger'],
];

const forms = [
  (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`,
  (specifier: string) => `import type { X } from '${specifier}';\nexport type Y = X;\n`,
  (specifier: string) => `export { x } from '${specifier}';\n`,
  (specifier: string) => `import '${specifier}';\n`,
];

describe('the layer lint rule', () => {
  it.each(forbidden)('reports %s importing %s', async (file, specifier) => {
    for (const form of forms) {
      expect(await layerErrors(file, form(specifier))).toHaveLength(1);
    }
  });

  it.each(allowed)('accepts %s importing %s', async (file, specifier) => {
    for (const form of forms) {
      expect(await layerErrors(file, form(specifier))).toEqual([]);
    }
  });
});

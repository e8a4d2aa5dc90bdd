// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// The layer rule of DESIGN.md: what each folder may import. Relative imports are matched by the
// folder names they climb to, so no folder inside a layer may reuse a layer's name.
/** @param {string} regex @param {string} message */
const forbid = (regex, message) => ({ regex, message });
/** @param {string} names */
const upTo = (names) => `^(\\.\\./)+(${names})(/|$)`;

const nodeApi = forbid(
  `^(node:|(${builtinModules.join('|')})(/|$))`,
  'Node APIs belong in electron/core (shared/ and renderer/ run in both worlds).',
);
const electronApi = forbid(
  '^electron(/|$)',
  'Only electron/main and electron/preload import electron.',
);
const reactApi = forbid('^react(-dom)?(/|$)', 'React belongs in renderer/.');
const renderer = forbid(
  upTo('renderer'),
  'Nothing imports renderer/: it talks through the API contract.',
);

const layers = {
  'shared/**': [
    nodeApi,
    electronApi,
    reactApi,
    forbid(
      upTo('electron|renderer|bench|tests|scripts'),
      'shared/ imports nothing of ours outside it.',
    ),
  ],
  'electron/core/**': [
    electronApi,
    forbid(
      upTo('(electron/)?(main|preload|cli)'),
      'electron/core sits below main, preload and cli.',
    ),
    renderer,
  ],
  'electron/cli/**': [
    electronApi,
    forbid(upTo('(electron/)?(main|preload)'), 'The CLI builds on electron/core, not on the app.'),
    renderer,
  ],
  'electron/preload/**': [
    forbid('^(?!electron$)[^.]', 'The sandboxed preload imports only electron and shared/.'),
    forbid(upTo('(electron/)?(core|main|cli)|renderer'), 'The preload imports only shared/.'),
  ],
  'electron/main/**': [forbid(upTo('(electron/)?cli'), 'Main does not import the CLI.'), renderer],
  'renderer/**': [
    nodeApi,
    electronApi,
    forbid(
      upTo('electron|bench|tests|scripts|bin'),
      'renderer/ imports nothing of ours but shared/.',
    ),
  ],
};

export default defineConfig(
  { ignores: ['out/**', 'coverage/**', 'bench/results/**', 'shared/format/validators.js'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'max-lines': ['warn', 300],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  Object.entries(layers).map(([folder, patterns]) => ({
    files: [folder],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);

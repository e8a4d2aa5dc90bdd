import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'out/**'],
    environment: 'node',
    globalSetup: ['tests/setup/build-cli.ts'],
    testTimeout: 30_000,
  },
});

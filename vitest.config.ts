import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // Browser tests get their own runner once there is a UI to drive.
    exclude: ['tests/e2e/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    globalSetup: ['tests/setup/build-cli.ts'],
    testTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

/**
 * `npm test`. Timeouts here catch a hang; they are no speed budget, so they are generous: a busy
 * machine makes the suite slower, never red. Property tests run by count (tests/helpers/runs.ts);
 * `npm run test:soak` (vitest.soak.config.ts) runs them at their soak counts.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'out/**'],
    environment: 'node',
    globalSetup: ['tests/setup/build-cli.ts'],
    // Two files at a time even on two cores: most of a file's time is spent waiting on the git
    // and steward processes it starts, so one worker per core leaves the cores idle.
    maxWorkers: 2,
    testTimeout: 120_000,
    // Hooks found groups, start servers and remove large temp trees.
    hookTimeout: 300_000,
  },
});

import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * `npm run test:soak`: the property tests again, at their soak counts (tests/helpers/runs.ts),
 * after `npm test` has run them at their quick ones. CI runs both.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'tests/integration/convergence.test.ts',
      'tests/integration/sync-faults.test.ts',
      'tests/unit/shared/canonical.test.ts',
      'tests/unit/shared/derive-more.test.ts',
      'tests/unit/shared/evidence-derive.test.ts',
      'tests/unit/shared/finality.test.ts',
    ],
    env: { STEWARD_SOAK: '1' },
  },
});

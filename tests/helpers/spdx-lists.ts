/** The identifier lists `spdx-expression-parse` reads, as docs/spdx/ publishes them. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const spdxLists = (): Record<'licenses' | 'deprecated' | 'exceptions', string[]> => ({
  licenses: require('spdx-license-ids') as string[],
  deprecated: require('spdx-license-ids/deprecated') as string[],
  exceptions: require('spdx-exceptions') as string[],
});

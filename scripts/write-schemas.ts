/**
 * Writes the normative statement schemas of `shared/format/schemas.ts` to `docs/schemas/<type>.json`,
 * one file per statement type, and removes any other JSON file there; and their validators,
 * compiled ahead of time, to `shared/format/validators.js`. Run with `npm run schemas`;
 * `tests/unit/shared/schemas-published.test.ts` fails when either is stale.
 */
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { schemas } from '../shared/format/schemas';
import { validatorsSource } from './standalone-validators';

const dir = join(import.meta.dirname, '..', 'docs', 'schemas');

/** The exact text published for a schema. */
const schemaText = (schema: object): string => JSON.stringify(schema, null, 2) + '\n';

const main = async (): Promise<void> => {
  await mkdir(dir, { recursive: true });
  const wanted = new Set(Object.keys(schemas).map((type) => `${type}.json`));
  for (const name of await readdir(dir)) {
    if (name.endsWith('.json') && !wanted.has(name)) await unlink(join(dir, name));
  }
  for (const [type, schema] of Object.entries(schemas)) {
    await writeFile(join(dir, `${type}.json`), schemaText(schema));
  }
  await writeFile(
    join(import.meta.dirname, '..', 'shared', 'format', 'validators.js'),
    validatorsSource(),
  );
  console.log(`wrote ${wanted.size} schemas to ${dir}, and their validators`);
};

await main();

/**
 * Writes the SPDX identifier lists that decide licence validity (docs/format.md §7.0) into
 * docs/spdx/, one identifier a line, from the packages the reference installs. A test keeps the
 * published lists equal to the packages.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spdxLists } from '../tests/helpers/spdx-lists';

const dir = resolve(import.meta.dirname, '../docs/spdx');
for (const [name, ids] of Object.entries(spdxLists())) {
  writeFileSync(resolve(dir, `${name}.txt`), `${ids.join('\n')}\n`);
}

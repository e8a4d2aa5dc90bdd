/**
 * Licence validity as docs/format.md §7.0 writes it down: the published identifier lists are the
 * ones the parser reads, and every example of the spec's table is judged as the table says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSpdxExpression } from '../../../shared/spdx';
import { spdxLists } from '../../helpers/spdx-lists';

const docs = join(import.meta.dirname, '..', '..', '..', 'docs');

const valid = [
  'MIT',
  ' MIT ',
  '((MIT))',
  'MIT or Apache-2.0',
  'MIT oR Apache-2.0',
  'MIT ORApache-2.0',
  '(MIT)OR(0BSD)',
  'GPL-2.0+',
  'GPL-2.0',
  'MIT+ WITH Classpath-exception-2.0',
  'MIT with Classpath-exception-2.0',
  'LicenseRef-a.b-c WITH LLVM-exception',
  'DocumentRef-x : LicenseRef-y',
  'DocumentRef-x:LicenseRef-y',
  'MIT AND Apache-2.0 OR BSD-3-Clause',
];

const invalid = [
  '',
  '   ',
  '()',
  'mit',
  'licenseref-x',
  'MITAND Apache-2.0',
  'MIT\tOR Apache-2.0',
  'MIT\u00a0OR Apache-2.0',
  'MIT OR',
  'MIT AND',
  'MIT +',
  'LicenseRef-x+',
  'Classpath-exception-2.0',
  'LicenseRef-a_b',
  'LicenseRef-',
  'documentref-x:LicenseRef-y',
  'DocumentRef-a:MIT',
  'MIT WITH LicenseRef-x',
  'MIT WITH Autoconf-exception-3.0 WITH Bison-exception-2.2',
];

describe('licence expressions', () => {
  it.each(valid)('accepts %j as the spec says', (text) => {
    expect(isSpdxExpression(text)).toBe(true);
  });

  it.each(invalid)('refuses %j as the spec says', (text) => {
    expect(isSpdxExpression(text)).toBe(false);
  });

  it('publishes exactly the identifier lists the parser reads', () => {
    for (const [name, ids] of Object.entries(spdxLists())) {
      const text = readFileSync(join(docs, 'spdx', `${name}.txt`), 'utf8');
      expect(text, `docs/spdx/${name}.txt: run npx tsx scripts/write-spdx-lists.ts`).toBe(
        `${ids.join('\n')}\n`,
      );
    }
  });

  it('accepts every listed licence alone, with + and with every exception, and no exception alone', () => {
    const { licenses, deprecated, exceptions } = spdxLists();
    for (const id of [...licenses, ...deprecated]) {
      expect(isSpdxExpression(id), id).toBe(true);
      expect(isSpdxExpression(`${id}+`), `${id}+`).toBe(true);
      expect(isSpdxExpression(id.toLowerCase()) === (id.toLowerCase() === id), id).toBe(true);
    }
    for (const e of exceptions) {
      expect(isSpdxExpression(e), e).toBe(false);
      expect(isSpdxExpression(`MIT WITH ${e}`), e).toBe(true);
    }
  });

  it('never lets an identifier begin with an operator word, so the first-match rule splits none', () => {
    const { licenses, deprecated, exceptions } = spdxLists();
    for (const id of [...licenses, ...deprecated, ...exceptions]) {
      expect(id).toMatch(/^[A-Za-z0-9.-]+$/);
      expect(id).not.toMatch(/^(with|and|or)/i);
    }
  });
});

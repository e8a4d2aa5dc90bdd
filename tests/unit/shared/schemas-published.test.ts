/**
 * The JSON Schemas published in docs/schemas are what an independent verifier reads. They must be
 * exactly the normative schemas of shared/format/schemas.ts (`npm run schemas` writes them), and a
 * stock JSON Schema 2020-12 validator must accept the files Steward writes and refuse malformed ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../../shared/charter';
import { checkFile } from '../../../shared/format/check';
import { renderEnvelope } from '../../../shared/format/envelope';
import { statementTypes, type StatementType } from '../../../shared/format/kinds';
import { statementPath } from '../../../shared/format/paths';
import { schemas } from '../../../shared/format/schemas';
import type { Statement } from '../../../shared/format/types';
import { nodeCrypto } from '../../../electron/core/crypto';
import { makeSigner } from '../../helpers/memory-group';
import { signStatement } from '../../../electron/core/governance/sign';
import type { Signer } from '../../../electron/core/identity/keystore';
import { validatorsSource } from '../../../scripts/standalone-validators';

const dir = join(import.meta.dirname, '..', '..', '..', 'docs', 'schemas');

const published = (name: string): string => readFileSync(join(dir, name), 'utf8');

/** A statement file exactly as Steward writes it: signed, rendered, at its one path. */
const statementFile = (statement: Statement, signers: Signer[]) => {
  const { envelope, id } = signStatement(statement, signers);
  const text = renderEnvelope(envelope);
  const proposal = 'proposal' in statement ? statement.proposal : undefined;
  return { id, text, path: statementPath(statement.type, id, proposal) };
};

/** One real file of every statement type, from a small group. */
const realFiles = (): Record<StatementType, { id: string; text: string; path: string }> => {
  const alice = makeSigner('Alice');
  const bob = makeSigner('Bob');
  const charter = statementFile(
    {
      format: 'steward/1',
      type: 'charter',
      created: '2026-03-01T10:00:00.000Z',
      name: 'Lakeside Models',
      nonce: '0123456789abcdef0123456789abcdef',
      members: [alice, bob].map((m) => ({ id: m.id, name: m.name, key: m.publicKey })),
      rules: defaultRules({ votingPeriod: 48 * 3600 }),
      requireApproval: false,
    },
    [alice, bob],
  );
  const base = (signer: Signer, created: string) => ({
    format: 'steward/1' as const,
    group: charter.id,
    author: signer.id,
    created,
  });
  const proposal = statementFile(
    {
      ...base(alice, '2026-03-02T09:00:00.000Z'),
      type: 'proposal',
      kind: 'poll',
      title: 'Meeting day',
      body: 'Which day suits you?\n',
      params: { options: ['Monday', 'Wednesday'], method: 'approval' },
    },
    [alice],
  );
  const on = (signer: Signer, created: string) => ({
    ...base(signer, created),
    proposal: proposal.id,
  });
  const vote = statementFile(
    {
      ...on(bob, '2026-03-02T10:00:00.000Z'),
      type: 'vote',
      options: [1],
      reason: 'Mondays are full',
    },
    [bob],
  );
  const close = statementFile(
    { ...on(bob, '2026-03-04T09:00:00.000Z'), type: 'close', basis: 'a'.repeat(40) },
    [bob],
  );
  return {
    charter,
    proposal,
    vote,
    consent: statementFile({ ...on(alice, '2026-03-02T11:00:00.000Z'), type: 'consent' }, [alice]),
    withdrawal: statementFile({ ...on(alice, '2026-03-02T12:00:00.000Z'), type: 'withdrawal' }, [
      alice,
    ]),
    close,
    certification: statementFile(
      { ...on(alice, '2026-03-04T10:00:00.000Z'), type: 'certification', close: close.id },
      [alice],
    ),
    evidence: statementFile(
      {
        ...on(bob, '2026-03-02T13:00:00.000Z'),
        type: 'evidence',
        model: 'tiny-llama',
        version: '1.0',
        files: [
          { path: 'config.json', sha256: 'c'.repeat(64) },
          { path: 'onnx/model.onnx', sha256: 'd'.repeat(64) },
        ],
        task: 'text-classification',
        dataset: { sha256: 'e'.repeat(64), items: 20, name: 'days.jsonl' },
        settings: { pooling: 'mean', normalize: true, topK: 3 },
        seed: 7,
        metrics: { accuracy: 0.85, items: 20 },
        outputs: 'f'.repeat(64),
        runtime: { library: 'transformers.js 3', onnxruntime: 'onnxruntime-node 1.20' },
        note: 'on the meeting notes of 2025',
      },
      [bob],
    ),
    'key-rotation': statementFile(
      {
        ...base(bob, '2026-03-05T09:00:00.000Z'),
        type: 'key-rotation',
        key: makeSigner('Bob').publicKey,
        basis: '4'.repeat(40),
      },
      [bob],
    ),
  };
};

/** A validator built from the published files alone, as an independent verifier would. */
const publishedValidators = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  return new Map(
    statementTypes.map((type) => [
      type,
      ajv.compile(JSON.parse(published(`${type}.json`)) as object),
    ]),
  );
};

describe('the schemas published in docs/schemas', () => {
  it('are exactly the normative schemas, as written by npm run schemas', () => {
    for (const type of statementTypes) {
      expect(published(`${type}.json`), `docs/schemas/${type}.json is stale`).toBe(
        JSON.stringify(schemas[type], null, 2) + '\n',
      );
    }
  });

  it('are what the validators in shared/format/validators.js were compiled from', () => {
    const file = join(import.meta.dirname, '../../../shared/format/validators.js');
    expect(readFileSync(file, 'utf8'), 'validators.js is stale: run npm run schemas').toBe(
      validatorsSource(),
    );
  });

  it('hold one schema per statement type and nothing else', () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(statementTypes.map((type) => `${type}.json`).sort());
  });

  it('each name the statement type they describe in their $id', () => {
    for (const type of statementTypes) {
      const schema = JSON.parse(published(`${type}.json`)) as { $id: string; $schema: string };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`https://steward.invalid/schemas/${type}.json`);
    }
  });
});

describe('a JSON Schema 2020-12 validator reading only the published schemas', () => {
  const files = realFiles();
  const validators = publishedValidators();

  it.each(statementTypes)('accepts a %s file exactly as Steward writes and verifies it', (type) => {
    const file = files[type];
    const bytes = new TextEncoder().encode(file.text);
    const checked = checkFile(
      { path: file.path, mode: '100644', size: bytes.length, bytes },
      nodeCrypto,
    );
    expect(checked.ok).toBe(true);
    const validate = validators.get(type)!;
    expect(validate(JSON.parse(file.text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a statement carrying a field the format does not define', () => {
    const vote = JSON.parse(files.vote.text) as { statement: Record<string, unknown> };
    vote.statement.weight = 1000;
    expect(validators.get('vote')!(vote)).toBe(false);
  });

  it('rejects a file carrying a field next to the statement and its signatures', () => {
    const close = JSON.parse(files.close.text) as Record<string, unknown>;
    close.comment = 'made on my laptop';
    expect(validators.get('close')!(close)).toBe(false);
  });

  it.each([
    '2026-03-02T10:00:00Z',
    '2026-03-02 10:00:00.000Z',
    '2026-03-02T10:00:00.000+01:00',
    '2026-03-02',
  ])('rejects a statement whose timestamp is %s', (created) => {
    const vote = JSON.parse(files.vote.text) as { statement: Record<string, unknown> };
    vote.statement.created = created;
    expect(validators.get('vote')!(vote)).toBe(false);
  });

  it('rejects a statement filed with the schema of another type', () => {
    expect(validators.get('consent')!(JSON.parse(files.withdrawal.text))).toBe(false);
  });
});

/**
 * One JSON Schema per statement type. These are the normative schemas; `docs/schemas/*.json` are
 * generated from them (`npm run schemas`) and a test keeps the two identical.
 */
import { evidenceTasks, type StatementType } from './kinds';
import * as p from './schema-parts';

const obj = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

const base = ['format', 'group', 'author', 'created', 'type'];

const params = {
  'add-member': obj(['key', 'name'], { key: p.publicKey, name: p.text(100, 1) }),
  'remove-member': obj(['member'], { member: p.hex64 }),
  'amend-charter': obj(['changes'], {
    changes: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: obj(['key', 'value'], {
        key: {
          type: 'string',
          pattern: '^(name|requireApproval|readAccess|rules\\.[a-z-]+\\.[A-Za-z]+)$',
        },
        value: { type: ['string', 'number', 'boolean'] },
      }),
    },
  }),
  'register-model': obj(['model', 'name', 'license', 'owners'], {
    model: p.slug,
    name: p.text(200, 1),
    license: p.text(200, 1),
    owners: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: obj(['member', 'shares'], { member: p.hex64, shares: p.shares }),
    },
    version: p.version,
    files: p.modelFiles,
  }),
  'add-version': obj(['model', 'version'], {
    model: p.slug,
    version: p.version,
    files: p.modelFiles,
  }),
  'transfer-shares': obj(['model', 'from', 'to', 'shares'], {
    model: p.slug,
    from: p.hex64,
    to: p.hex64,
    shares: p.shares,
  }),
  'set-license': obj(['model', 'license'], { model: p.slug, license: p.text(200, 1) }),
  'approve-use': obj(['model', 'version', 'purpose'], {
    model: p.slug,
    version: p.version,
    purpose: p.text(2000, 1),
  }),
  'retire-model': obj(['model'], { model: p.slug }),
  resolution: obj([], {}),
  poll: obj(['options', 'method'], {
    options: { type: 'array', minItems: 2, maxItems: 50, items: p.text(200, 1) },
    method: { enum: ['approval', 'ranked'] },
  }),
} as const;

const proposal = {
  oneOf: Object.entries(params).map(([kind, schema]) =>
    obj([...base, 'kind', 'title', 'body', 'params'], {
      ...p.signedBase,
      type: { const: 'proposal' },
      kind: { const: kind },
      title: p.text(200, 1),
      body: p.text(65536),
      params: schema,
    }),
  ),
};

/** A statement on one proposal: the fields of `extra` are required, those of `optional` not. */
const onProposal = (
  type: string,
  extra: Record<string, unknown> = {},
  optional: Record<string, unknown> = {},
) =>
  obj([...base, 'proposal', ...Object.keys(extra)], {
    ...p.signedBase,
    type: { const: type },
    proposal: p.hex64,
    ...extra,
    ...optional,
  });

const vote = {
  oneOf: [
    obj([...base, 'proposal', 'choice'], {
      ...p.signedBase,
      type: { const: 'vote' },
      proposal: p.hex64,
      choice: { enum: ['yes', 'no', 'abstain'] },
      reason: p.text(2000),
      replaces: p.hex64,
    }),
    obj([...base, 'proposal', 'options'], {
      ...p.signedBase,
      type: { const: 'vote' },
      proposal: p.hex64,
      options: {
        type: 'array',
        maxItems: 50,
        uniqueItems: true,
        items: { type: 'integer', minimum: 0, maximum: 49 },
      },
      reason: p.text(2000),
      replaces: p.hex64,
    }),
  ],
};

/** A signed evaluation of a model for a proposal: shown with it, counted in no tally. */
const evidence = onProposal(
  'evidence',
  {
    model: p.slug,
    version: p.version,
    // Sorted by path with no path twice: stage one checks what a schema cannot say.
    files: { type: 'array', minItems: 1, maxItems: 10000, items: p.modelFile },
    task: { enum: [...evidenceTasks] },
    dataset: obj(['sha256', 'items'], {
      sha256: p.hex64,
      items: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      name: p.baseName,
    }),
    settings: {
      type: 'object',
      maxProperties: 32,
      propertyNames: p.fieldName,
      additionalProperties: { type: ['string', 'number', 'boolean'], maxLength: 200 },
    },
    seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
    metrics: {
      type: 'object',
      minProperties: 1,
      maxProperties: 32,
      propertyNames: p.fieldName,
      additionalProperties: { type: 'number' },
    },
    outputs: p.hex64,
    runtime: obj(['library', 'onnxruntime'], { library: p.text(100), onnxruntime: p.text(100) }),
  },
  { note: p.text(2000) },
);

const charter = obj(
  ['format', 'type', 'created', 'name', 'nonce', 'members', 'rules', 'requireApproval'],
  {
    format: { const: 'steward/1' },
    type: { const: 'charter' },
    created: p.timestamp,
    name: p.text(200, 1),
    nonce: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    members: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: obj(['id', 'name', 'key'], { id: p.hex64, name: p.text(100, 1), key: p.publicKey }),
    },
    rules: p.rules,
    requireApproval: { type: 'boolean' },
  },
);

const statementSchemas: Record<StatementType, object> = {
  charter,
  proposal,
  vote,
  consent: onProposal('consent'),
  withdrawal: onProposal('withdrawal'),
  close: onProposal('close', { basis: p.commitHash }),
  certification: onProposal('certification', { close: p.hex64 }),
  evidence,
  'key-rotation': obj([...base, 'key', 'basis'], {
    ...p.signedBase,
    type: { const: 'key-rotation' },
    key: p.publicKey,
    basis: p.commitHash,
  }),
};

/** The envelope schema of each statement type, as published in docs/schemas/<type>.json. */
export const schemas: Record<StatementType, object> = Object.fromEntries(
  Object.entries(statementSchemas).map(([type, statement]) => [
    type,
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://steward.invalid/schemas/${type}.json`,
      title: `Steward ${type} statement file`,
      ...p.envelopeOf(statement, type === 'charter' ? 100 : 1),
    },
  ]),
) as Record<StatementType, object>;

/** Building blocks shared by the statement schemas (JSON Schema draft 2020-12). */
import { proposalKinds } from './kinds';

export const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
export const commitHash = { type: 'string', pattern: '^[0-9a-f]{40}$' } as const;
/** 32 bytes in base64url: the last character carries 2 unused bits, which must be zero. */
export const publicKey = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
} as const;
/** 64 bytes in base64url: the last character carries 4 unused bits, which must be zero. */
export const signature = { type: 'string', pattern: '^[A-Za-z0-9_-]{85}[AQgw]$' } as const;
export const timestamp = {
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$',
} as const;
export const text = (maxLength: number, minLength = 0) =>
  ({ type: 'string', minLength, maxLength }) as const;
export const slug = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' } as const;
export const version = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$' } as const;
export const shares = { type: 'integer', minimum: 1, maximum: 1000000000000 } as const;
export const fraction = { type: 'number', minimum: 0, maximum: 1 } as const;
export const modelFile = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'sha256'],
  properties: {
    path: {
      type: 'string',
      pattern: '^(?!.*(^|/)\\.\\.?(/|$))[A-Za-z0-9._+-][A-Za-z0-9._+/-]{0,254}$',
    },
    sha256: hex64,
  },
} as const;
/**
 * A file of a model record: a model file with, optionally, its size in bytes (records written
 * before sizes were recorded have none; both are valid).
 */
export const recordFile = {
  ...modelFile,
  properties: {
    ...modelFile.properties,
    size: { type: 'integer', minimum: 0, maximum: 9007199254740991 },
  },
} as const;
export const modelFiles = { type: 'array', maxItems: 10000, items: recordFile } as const;
/**
 * A file's base name: no separator, no C0 or C1 control character (nothing a terminal would act
 * on), and neither `.` nor `..`.
 */
export const baseName = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  pattern: '^(?!\\.\\.?$)[^/\\\\\\u0000-\\u001f\\u007f-\\u009f]+$',
} as const;
/** The names of evidence settings and metrics. */
export const fieldName = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$' } as const;

export const rule = {
  type: 'object',
  additionalProperties: false,
  required: ['electorate', 'weight', 'quorum', 'threshold', 'votingPeriod'],
  properties: {
    electorate: { enum: ['members', 'owners'] },
    weight: { enum: ['equal', 'shares'] },
    quorum: fraction,
    threshold: fraction,
    votingPeriod: { type: 'integer', minimum: 1, maximum: 31622400 },
  },
} as const;

export const rules = {
  type: 'object',
  additionalProperties: false,
  required: [...proposalKinds],
  properties: Object.fromEntries(proposalKinds.map((k) => [k, rule])),
} as const;

/** Fields every statement but the charter carries, in the order documented in docs/format.md. */
export const signedBase = {
  format: { const: 'steward/1' },
  group: hex64,
  author: hex64,
  created: timestamp,
} as const;

export const envelopeOf = (statement: object, maxSignatures: number) => ({
  type: 'object',
  additionalProperties: false,
  required: ['statement', 'signatures'],
  properties: {
    statement,
    signatures: {
      type: 'array',
      minItems: 1,
      maxItems: maxSignatures,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'signature'],
        properties: { key: publicKey, signature },
      },
    },
  },
});

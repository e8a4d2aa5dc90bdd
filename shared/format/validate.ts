/** Compiled JSON Schema validators for statement files. */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { StatementType } from './kinds';
import { schemas } from './schemas';

let compiled: Map<StatementType, ValidateFunction> | undefined;

const validators = (): Map<StatementType, ValidateFunction> => {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
    compiled = new Map(
      Object.entries(schemas).map(([type, schema]) => [type as StatementType, ajv.compile(schema)]),
    );
  }
  return compiled;
};

/** Returns undefined when `value` is a valid file of `type`, else a one-line reason. */
export const schemaProblem = (type: StatementType, value: unknown): string | undefined => {
  const validate = validators().get(type)!;
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  return error ? `${error.instancePath || '/'} ${error.message ?? 'is invalid'}` : 'is invalid';
};

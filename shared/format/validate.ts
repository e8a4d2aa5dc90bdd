/** Compiled JSON Schema validators for statement files. */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { StatementType } from './kinds';
import { schemas } from './schemas';

let ajv: Ajv2020 | undefined;
const compiled = new Map<StatementType, ValidateFunction>();

/**
 * The validator of one type, compiled the first time it is needed: compiling every schema costs
 * a short command (one that checks only a few types) more than all its checks.
 */
const validatorOf = (type: StatementType): ValidateFunction => {
  let validate = compiled.get(type);
  if (!validate) {
    ajv ??= new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
    validate = ajv.compile(schemas[type]);
    compiled.set(type, validate);
  }
  return validate;
};

/** Returns undefined when `value` is a valid file of `type`, else a one-line reason. */
export const schemaProblem = (type: StatementType, value: unknown): string | undefined => {
  const validate = validatorOf(type);
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  return error ? `${error.instancePath || '/'} ${error.message ?? 'is invalid'}` : 'is invalid';
};

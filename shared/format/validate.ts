/** Compiled JSON Schema validators for statement files. */
import type { StatementType } from './kinds';
// Compiled ahead of time from ./schemas (npm run schemas): compiling at run time cost more than
// every validation a command makes.
import { validators } from './validators';

/** Returns undefined when `value` is a valid file of `type`, else a one-line reason. */
export const schemaProblem = (type: StatementType, value: unknown): string | undefined => {
  const validate = validators[type];
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  return error ? `${error.instancePath || '/'} ${error.message ?? 'is invalid'}` : 'is invalid';
};

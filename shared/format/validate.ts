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

/** Stands in for a signature not made yet: it has the form the schema asks for. */
const UNSIGNED = 'A'.repeat(86);

/**
 * As `schemaProblem`, for a statement before it is signed by `key`. Signing needs canonical JSON,
 * which cannot carry what the schema refuses (NaN, Infinity), so a writer asks this first.
 */
export const unsignedProblem = (
  type: StatementType,
  statement: object,
  key: string,
): string | undefined =>
  schemaProblem(type, { statement, signatures: [{ key, signature: UNSIGNED }] });

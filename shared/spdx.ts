import parse from 'spdx-expression-parse';

/** True when `expression` is a valid SPDX licence expression (e.g. "MIT", "Apache-2.0 OR MIT"). */
export const isSpdxExpression = (expression: string): boolean => {
  try {
    parse(expression);
    return true;
  } catch (error) {
    if (error instanceof Error) return false;
    throw error;
  }
};

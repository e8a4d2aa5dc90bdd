/** The validators in validators.js, compiled ahead of time from schemas.ts (`npm run schemas`). */
import type { ValidateFunction } from 'ajv';
import type { StatementType } from './kinds';

export declare const validators: Record<StatementType, ValidateFunction>;

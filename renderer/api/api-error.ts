import type { ApiError } from '../../shared/api-channels';
import { errorCodes, type ErrorCode } from '../../shared/errors';

/** A rejected request as the UI sees it, whichever transport carried it. */
export class RequestError extends Error implements ApiError {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;

  constructor({ code, message, data }: ApiError) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
    this.data = data;
  }
}

const isCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

// Electron wraps a handler's error as "Error invoking remote method 'x': Error: {json}".
const embeddedJson = (message: string): unknown => {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(message.slice(start)) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
};

/** Rebuilds `{code, message, data}` from whatever a transport rejected with. */
export const toRequestError = (value: unknown): RequestError => {
  if (value instanceof RequestError) return value;
  if (isRecord(value) && isCode(value.code)) {
    return new RequestError({
      code: value.code,
      message: typeof value.message === 'string' ? value.message : value.code,
      data: isRecord(value.data) ? value.data : {},
    });
  }
  const message = value instanceof Error ? value.message : String(value);
  const inner = embeddedJson(message);
  if (isRecord(inner) && isCode(inner.code)) return toRequestError(inner);
  return new RequestError({ code: 'internal', message, data: {} });
};

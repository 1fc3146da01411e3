/**
 * The one error type that crosses module edges. Core code returns problems as values;
 * shells (API, CLI) turn anything thrown into this shape once, in one place.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'import_rejected_rows'
  | 'internal';

export interface ProblemDetail {
  code: string;
  message: string;
  path?: string;
}

export class SiftError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly details: ProblemDetail[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { path?: string; details?: ProblemDetail[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SiftError';
    this.code = code;
    this.path = options.path;
    this.details = options.details;
  }
}

const httpStatusByCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  import_rejected_rows: 422,
  internal: 500,
};

/** Exit statuses follow sysexits.h where one fits, so scripts can tell input errors from crashes. */
const exitStatusByCode: Record<ErrorCode, number> = {
  invalid_input: 65,
  validation_failed: 65,
  not_found: 66,
  conflict: 65,
  unauthorized: 77,
  forbidden: 77,
  method_not_allowed: 64,
  payload_too_large: 65,
  unsupported_media_type: 65,
  rate_limited: 75,
  import_rejected_rows: 2,
  internal: 70,
};

export function httpStatusOf(code: ErrorCode): number {
  return httpStatusByCode[code];
}

export function exitStatusOf(code: ErrorCode): number {
  return exitStatusByCode[code];
}

export function toSiftError(error: unknown): SiftError {
  if (error instanceof SiftError) return error;
  return new SiftError('internal', 'Internal error', { cause: error });
}

/** The JSON body of every error response and of `--json` CLI errors. */
export function errorBody(error: SiftError): {
  error: { code: string; message: string; path?: string; details?: ProblemDetail[] };
} {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.path === undefined ? {} : { path: error.path }),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

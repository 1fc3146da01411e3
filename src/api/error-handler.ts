import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import {
  type ErrorCode,
  errorBody,
  httpStatusOf,
  type ProblemDetail,
  SiftError,
} from '../shared/errors.js';
import type { ApiEnv } from './api-env.js';

type PathSegment = PropertyKey;

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A zod issue path as a JSON path the way users write it: `contacts[3].email`. */
export function formatIssuePath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && identifierPattern.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** Every issue of a failed parse as one `invalid_input` error; the first issue names the path. */
export function validationError(error: ZodError, what = 'Request body'): SiftError {
  const details: ProblemDetail[] = error.issues.map((issue) => ({
    code: issue.code,
    message: issue.message,
    // An unknown property is reported on its parent object; naming the property helps more.
    path: formatIssuePath(
      issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
        ? [...issue.path, issue.keys[0]]
        : issue.path,
    ),
  }));
  const first = details[0];
  const where = first?.path ? ` at ${first.path}` : '';
  const message = `${what} is invalid${where}: ${first?.message ?? 'invalid value'}`;
  return new SiftError('invalid_input', message, {
    ...(first?.path ? { path: first.path } : {}),
    details,
    cause: error,
  });
}

const codeByHttpStatus: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

const whatByTarget: Record<string, string> = {
  json: 'Request body',
  form: 'Request body',
  query: 'Query',
  param: 'Path parameter',
  header: 'Header',
  cookie: 'Cookie',
};

/** Hono's own exceptions (malformed JSON, body limit, media type) in our error shape. */
function fromHttpException(error: HTTPException): SiftError {
  const code = codeByHttpStatus[error.status];
  if (!code) return new SiftError('internal', 'Internal error', { cause: error });
  const message = error.status === 413 ? 'Request body is too large' : error.message;
  return new SiftError(code, message || code, { cause: error });
}

export function toApiError(error: unknown): SiftError {
  if (error instanceof SiftError) return error;
  if (error instanceof HTTPException) return fromHttpException(error);
  if (error instanceof ZodError) return validationError(error, 'Input');
  return new SiftError('internal', 'Internal error', { cause: error });
}

/**
 * The one place where anything thrown becomes a response. A 500 logs the cause with the
 * request and shows none of it: internal messages can hold SQL, file names or URLs.
 */
export function handleError(error: unknown, c: Context<ApiEnv>): Response {
  const apiError = toApiError(error);
  const status = httpStatusOf(apiError.code);
  if (apiError.code === 'internal') {
    c.var.logger?.error(
      { err: apiError.cause ?? apiError, method: c.req.method, path: c.req.path },
      'request failed',
    );
    const generic = new SiftError('internal', 'Internal error');
    return c.json(errorBody(generic), 500);
  }
  if (apiError.code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer realm="sift"');
  return c.json(errorBody(apiError), status as 400);
}

/** The hook every OpenAPI route runs after validation: a failed parse is thrown, not returned. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
): void {
  if (!result.success) {
    throw validationError(result.error, whatByTarget[result.target] ?? 'Request');
  }
}

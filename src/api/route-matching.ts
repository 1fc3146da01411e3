import type { Context } from 'hono';
import { SiftError } from '../shared/errors.js';
import type { ApiEnv } from './api-env.js';
import { handleError } from './error-handler.js';

interface RegisteredRoute {
  method: string;
  path: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Hono route pattern (`/v1/contacts/:id`, `/p/*`) to an anchored regular expression. */
export function routePatternToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return escapeRegExp(segment);
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** The methods with a handler for this path; middleware (method ALL) does not count. */
export function allowedMethods(routes: readonly RegisteredRoute[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === 'ALL') continue;
    if (routePatternToRegExp(route.path).test(path)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/**
 * Hono answers an unmatched request with notFound; a path that exists under another method
 * is a 405 with an `Allow` header rather than a 404. It returns rather than throws: Hono calls
 * notFound outside the error handler's reach.
 */
export function notFoundHandler(routes: () => readonly RegisteredRoute[]) {
  return (c: Context<ApiEnv>): Response => {
    const methods = allowedMethods(routes(), c.req.path);
    if (methods.length > 0) {
      c.header('Allow', methods.join(', '));
      const message = `Method ${c.req.method} is not allowed on ${c.req.path}; allowed: ${methods.join(', ')}`;
      return handleError(new SiftError('method_not_allowed', message), c);
    }
    return handleError(new SiftError('not_found', `No route for ${c.req.method} ${c.req.path}`), c);
  };
}

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import Mustache from 'mustache';
import {
  findForm,
  parseFormPublicId,
  SlidingWindowRateLimiter,
  type SubmittedValues,
  submitForm,
} from '../../forms/index.js';
import { renderMessagePage, renderPublicPage } from '../../preferences/index.js';
import { errorBody, httpStatusOf, SiftError, toSiftError } from '../../shared/errors.js';
import { findWorkspace } from '../../workspaces/index.js';
import type { ApiApp, ApiEnv } from '../api-env.js';

/**
 * `POST /f/{form}`: the public endpoint of a website form (no API key). Browsers post
 * `application/x-www-form-urlencoded` (or multipart) and get HTML back: a redirect or a thank-you
 * page, or a page listing the errors; scripts post JSON and get JSON. Submissions are limited per
 * form and visitor address (in memory, per process).
 */

export const formSubmissionLimit = { limit: 10, windowMs: 60_000 } as const;

const jsonType = 'application/json';
const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];

function mediaTypeOf(c: Context<ApiEnv>): string {
  return (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A browser's form post gets HTML; a script (JSON body, or no HTML in Accept) gets JSON. */
function wantsHtml(c: Context<ApiEnv>): boolean {
  return mediaTypeOf(c) !== jsonType && (c.req.header('Accept') ?? '').includes('text/html');
}

/**
 * The visitor's address. Behind a reverse proxy every request comes from the proxy, so with
 * `SIFT_TRUST_PROXY=true` the first `X-Forwarded-For` address is used instead.
 */
function visitorAddress(c: Context<ApiEnv>): string {
  if (process.env.SIFT_TRUST_PROXY === 'true') {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'unknown';
  }
}

async function readValues(c: Context<ApiEnv>): Promise<SubmittedValues> {
  const type = mediaTypeOf(c);
  if (type === jsonType) {
    const body = await c.req.json().catch(() => {
      throw new SiftError('invalid_input', 'The body is not valid JSON');
    });
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new SiftError('invalid_input', 'The body must be a JSON object of form fields');
    }
    return body as SubmittedValues;
  }
  if (!formTypes.includes(type)) {
    throw new SiftError(
      'unsupported_media_type',
      'Post the form as application/x-www-form-urlencoded, multipart/form-data or application/json',
    );
  }
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.some((item) => typeof item !== 'string')) {
      throw new SiftError('invalid_input', `${key}: files are not accepted`, { path: key });
    }
    values[key] = items.length === 1 ? items[0] : items;
  }
  return values;
}

const errorsTemplate = `<h1>Please check the form</h1>
<div class="errors" role="alert">
  <p>{{message}}</p>
  <ul>
  {{#details}}<li>{{#path}}<strong>{{path}}</strong>: {{/path}}{{message}}</li>{{/details}}
  </ul>
</div>
{{#back}}<p><a href="{{back}}">Back to the form</a></p>{{/back}}
`;

function errorPage(c: Context<ApiEnv>, error: SiftError): Response {
  const referer = c.req.header('Referer');
  const back = referer && /^https?:\/\//.test(referer) ? referer : null;
  const body = Mustache.render(errorsTemplate, {
    message: error.message,
    details: error.details ?? [{ message: error.message, path: error.path }],
    back,
  });
  const status = httpStatusOf(error.code) as 400;
  return c.html(renderPublicPage({ lang: 'en', title: 'Please check the form', body }), status);
}

function answerError(c: Context<ApiEnv>, thrown: unknown): Response {
  const error = toSiftError(thrown);
  if (error.code === 'internal') throw thrown;
  if (wantsHtml(c)) return errorPage(c, error);
  return c.json(errorBody(error), httpStatusOf(error.code) as 400);
}

function answerAccepted(c: Context<ApiEnv>, redirect: string | null): Response {
  if (!wantsHtml(c)) return c.json({ status: 'accepted' }, 200);
  if (redirect) return c.redirect(redirect, 303);
  return c.html(
    renderMessagePage({
      lang: 'en',
      title: 'Thank you',
      message: 'Your details have been received.',
    }),
    200,
  );
}

export function registerPublicFormRoutes(app: ApiApp): void {
  const limiter = new SlidingWindowRateLimiter(formSubmissionLimit);
  // Websites may post JSON from their own pages with fetch(): allow any origin, no credentials.
  app.use('/f/*', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'] }));
  app.post('/f/:form', async (c) => {
    try {
      const parsed = parseFormPublicId(c.req.param('form'));
      const workspace = parsed && (await findWorkspace(c.var.store.db, parsed.workspaceKey));
      const form =
        parsed && workspace
          ? await findForm(c.var.store.db, { workspaceId: workspace.id, key: parsed.formKey })
          : undefined;
      if (!workspace || !form) throw new SiftError('not_found', 'No such form');
      const key = `${workspace.id}:${form.key}:${visitorAddress(c)}`;
      const decision = limiter.take(key, c.var.now);
      if (!decision.allowed) {
        c.header('Retry-After', String(decision.retryAfterSeconds));
        throw new SiftError('rate_limited', 'Too many submissions; please try again in a minute');
      }
      const values = await readValues(c);
      await submitForm(c.var.store, { workspace, form, values, now: c.var.now });
      return answerAccepted(c, form.redirect);
    } catch (error) {
      return answerError(c, error);
    }
  });
}

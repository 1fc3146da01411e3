import type { Context } from 'hono';
import {
  bundledPreferenceTexts,
  fallbackLanguage,
  openPreferenceToken,
  type PreferenceAccess,
  type PreferenceNotice,
  readContactTexts,
  renderMessagePage,
  renderPreferenceCenter,
  savePreferences,
  unsubscribeFromAllMarketing,
} from '../../preferences/index.js';
import { SiftError } from '../../shared/errors.js';
import type { ApiApp, ApiEnv } from '../api-env.js';

/**
 * The preference center's public pages (SPEC §5), outside `/v1` and without API key: the signed
 * token in the path is the only credential. `GET /p/{token}` shows the page, `POST /p/{token}`
 * saves it (then redirects back, so a reload does not post again), `POST /u/{token}` is the
 * RFC 8058 one-click unsubscribe. A forged or altered token gets a 403 page.
 */

const english = bundledPreferenceTexts.get(fallbackLanguage)!;

/**
 * Personal pages: never cached, never framed (no clickjacked unsubscribe), and the token in the
 * URL is not sent on as a Referer. No script may run; forms post back here only.
 */
function protect(c: Context<ApiEnv>): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
}

async function withAccess(
  c: Context<ApiEnv>,
  work: (access: PreferenceAccess, token: string) => Promise<Response>,
): Promise<Response> {
  protect(c);
  const token = c.req.param('token') ?? '';
  let access: PreferenceAccess;
  try {
    access = await openPreferenceToken(c.var.store.db, token);
  } catch (error) {
    if (!(error instanceof SiftError) || error.code !== 'forbidden') throw error;
    const page = renderMessagePage({
      lang: fallbackLanguage,
      title: english.forbiddenTitle!,
      message: english.forbiddenBody!,
    });
    return c.html(page, 403);
  }
  return work(access, token);
}

const notices: Record<string, PreferenceNotice> = { saved: 'saved', unsubscribed: 'unsubscribed' };

function valuesOf(body: Record<string, unknown>, name: string): Set<string> {
  const value = body[name];
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return new Set(items.filter((item): item is string => typeof item === 'string'));
}

export function registerPreferenceRoutes(app: ApiApp): void {
  app.get('/p/:token', (c) =>
    withAccess(c, async (access, token) => {
      const html = await renderPreferenceCenter(c.var.store.db, {
        ...access,
        now: c.var.now,
        action: `/p/${token}`,
        notice: notices[c.req.query('done') ?? ''],
      });
      return c.html(html, 200);
    }),
  );

  app.post('/p/:token', (c) =>
    withAccess(c, async (access, token) => {
      const body = await c.req.parseBody({ all: true });
      const intent = valuesOf(body, 'intent');
      if (intent.has('unsubscribe_all')) {
        await unsubscribeFromAllMarketing(c.var.store.db, {
          ...access,
          now: c.var.now,
          via: 'preference_center',
        });
        return c.redirect(`/p/${token}?done=unsubscribed`, 303);
      }
      await savePreferences(c.var.store.db, {
        ...access,
        now: c.var.now,
        submitted: {
          categories: valuesOf(body, 'category'),
          interests: valuesOf(body, 'interest'),
        },
      });
      return c.redirect(`/p/${token}?done=saved`, 303);
    }),
  );

  // RFC 8058: the mailbox provider posts `List-Unsubscribe=One-Click`. Any POST unsubscribes
  // (the signed token is the authority); a GET never does, since link scanners fetch URLs.
  app.post('/u/:token', (c) =>
    withAccess(c, async (access) => {
      await unsubscribeFromAllMarketing(c.var.store.db, {
        ...access,
        now: c.var.now,
        via: 'one_click',
      });
      const { language, texts } = await readContactTexts(c.var.store.db, access);
      const page = renderMessagePage({
        lang: language,
        title: texts.unsubscribeAllLegend,
        message: texts.oneClickDone,
      });
      return c.html(page, 200);
    }),
  );

  app.get('/u/:token', (c) =>
    withAccess(c, async (_access, token) => c.redirect(`/p/${token}`, 303)),
  );
}

import Mustache from 'mustache';

/**
 * The frame of the public pages that contacts see (the preference center, a form's error page):
 * server-rendered, no JavaScript, readable without CSS. Colours keep at least 4.5:1 contrast
 * (WCAG AA) and every focusable element has a visible focus ring.
 */
const layout = `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{title}}</title>
<style>
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f3f4f6; color: #111827;
    font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  main { max-width: 40rem; margin: 2rem auto; padding: 2rem; background: #ffffff;
    border-radius: 0.75rem; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); }
  h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 0.5rem; }
  p { margin: 0 0 1rem; }
  .who { color: #374151; }
  .notice { padding: 0.75rem 1rem; border-left: 4px solid #047857; background: #ecfdf5; color: #064e3b; }
  .errors { padding: 0.75rem 1rem; border-left: 4px solid #b91c1c; background: #fef2f2; color: #7f1d1d; }
  .errors ul { margin: 0.5rem 0 0; padding-left: 1.25rem; }
  fieldset { border: 1px solid #d1d5db; border-radius: 0.5rem; margin: 0 0 1.25rem; padding: 0.75rem 1rem 0.5rem; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  .option { display: grid; grid-template-columns: 1.5rem 1fr; column-gap: 0.5rem; align-items: start; padding: 0.5rem 0; }
  .option + .option { border-top: 1px solid #e5e7eb; }
  .option input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; accent-color: #1d4ed8; }
  .option label { font-weight: 500; cursor: pointer; }
  .state, .hint { grid-column: 2; font-size: 0.9rem; color: #4b5563; }
  .hint { margin: 0 0 0.5rem; }
  button { font: inherit; font-weight: 600; padding: 0.65rem 1.25rem; border-radius: 0.5rem;
    border: 2px solid #1d4ed8; background: #1d4ed8; color: #ffffff; cursor: pointer; }
  button.secondary { background: #ffffff; color: #991b1b; border-color: #991b1b; }
  button:hover { background: #1e3a8a; border-color: #1e3a8a; }
  button.secondary:hover { background: #fef2f2; color: #7f1d1d; border-color: #7f1d1d; }
  a { color: #1d4ed8; }
  :focus-visible { outline: 3px solid #b45309; outline-offset: 3px; }
  .unsubscribe { margin-top: 2rem; }
</style>
</head>
<body>
<main>
{{{body}}}
</main>
</body>
</html>
`;

export function renderPublicPage(input: { lang: string; title: string; body: string }): string {
  return Mustache.render(layout, input);
}

/** A page with a heading and one paragraph (a refused link, a confirmation). */
export function renderMessagePage(input: { lang: string; title: string; message: string }): string {
  const body = Mustache.render('<h1>{{title}}</h1>\n<p>{{message}}</p>', input);
  return renderPublicPage({ lang: input.lang, title: input.title, body });
}

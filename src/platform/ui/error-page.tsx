/** The 403, 404 and 500 pages, in the caller's language. */
import type { Context } from 'hono';
import type { AppEnv } from '../http/env';
import { renderPage } from '../http/render';

export function renderErrorPage(
  c: Context<AppEnv>,
  status: 403 | 404 | 500,
  detail?: string,
): Promise<Response> {
  const t = c.get('t');
  const text = t.errorPages[status];
  return renderPage(
    c,
    { title: text.title, status },
    <div class="error-page">
      <h1>{text.title}</h1>
      <p>{detail ?? text.body}</p>
      {status === 500 ? (
        <p class="hint">
          {t.errorPages.reference}: <code>{c.get('requestId')}</code>
        </p>
      ) : null}
      <p>
        <a href="/">{t.errorPages.backHome}</a>
      </p>
    </div>,
  );
}

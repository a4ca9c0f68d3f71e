/** Renders a page inside the layout with the request's language, user and CSRF token. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Crumb, Layout, type PageContext } from '../ui/layout';
import type { AppEnv } from './env';

export function pageContext(c: Context<AppEnv>): PageContext {
  const url = new URL(c.req.url);
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    user: c.get('user'),
    csrfToken: c.get('csrfToken'),
    demo: c.get('demo'),
    path: url.pathname + url.search,
  };
}

export async function renderPage(
  c: Context<AppEnv>,
  options: { title: string; breadcrumbs?: Crumb[]; status?: ContentfulStatusCode },
  body: Child,
): Promise<Response> {
  const page = (
    <Layout page={pageContext(c)} title={options.title} breadcrumbs={options.breadcrumbs}>
      {body}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${await page.toString()}`, options.status ?? 200);
}

/** Renders a page inside the layout with the request's language, user and CSRF token. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { unreadForPage } from '../../notifications/badge';
import { type Crumb, Layout, type PageContext } from '../ui/layout';
import type { AppEnv } from './env';

/** What the layout needs of the request, with the header's unread count read once here. */
export async function pageContext(c: Context<AppEnv>): Promise<PageContext> {
  const url = new URL(c.req.url);
  const user = c.get('user');
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    user,
    csrfToken: c.get('csrfToken'),
    demo: c.get('demo'),
    path: url.pathname + url.search,
    unread: await unreadForPage(c.get('services').database.db, user),
  };
}

export async function renderPage(
  c: Context<AppEnv>,
  options: { title: string; breadcrumbs?: Crumb[]; status?: ContentfulStatusCode },
  body: Child,
): Promise<Response> {
  const page = (
    <Layout page={await pageContext(c)} title={options.title} breadcrumbs={options.breadcrumbs}>
      {body}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${await page.toString()}`, options.status ?? 200);
}

/**
 * GET /search: the はたらく場 search for counsellors and council staff ('opportunity.search').
 * A GET form, so every search is a URL to share or bookmark (redirected once to its canonical
 * form); bad input answers 400 with the values kept and a Japanese message at each field.
 */
import { Hono } from 'hono';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { opportunityMessages } from '../opportunities/messages';
import { effectiveSort, parseSearchQuery, toSearchQuery } from './filters';
import { searchFieldMessages, searchMessages } from './messages';
import { searchRegistry } from './service';
import { SearchPage } from './views/search-page';

export function searchRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    '/search',
    authorize('opportunity.search', () => ({ kind: 'self' })),
    async (c) => {
      const t = c.get('t');
      const locale = c.get('locale');
      const m = searchMessages[locale];
      const om = opportunityMessages[locale];
      const user = c.get('user');
      if (!user) throw new Error('no signed-in user behind an authorized route');
      const now = new Date();
      const params = new URL(c.req.url).searchParams;
      const parsed = parseSearchQuery(params);
      const common = { t, m, om, locale, now, raw: parsed.raw };
      const page = {
        title: m.title,
        breadcrumbs: [{ label: t.home, href: '/dashboard' }, { label: m.title }],
      };
      if (!parsed.ok) {
        return renderPage(
          c,
          { ...page, status: 400 },
          <SearchPage {...common} errors={searchFieldMessages(m, parsed.errors)} />,
        );
      }
      // A submitted form also sends its empty fields: answer with the canonical address, so the
      // URL people copy is short and the same search always has the same URL.
      const canonical = toSearchQuery(parsed.filters);
      if (params.toString() !== canonical)
        return c.redirect(canonical ? `/search?${canonical}` : '/search', 302);
      const outcome = await searchRegistry(c.get('services').database.db, actorOf(user), parsed.filters, {
        now,
      });
      return renderPage(
        c,
        page,
        <SearchPage
          {...common}
          errors={{}}
          sort={effectiveSort(parsed.filters)}
          filters={parsed.filters}
          outcome={outcome}
        />,
      );
    },
  );

  return app;
}

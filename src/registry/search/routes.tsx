/**
 * GET /search: the はたらく場 search for counsellors and council staff ('opportunity.search').
 * A GET form, so every search is a URL to share or bookmark (redirected once to its canonical
 * form); bad input answers 400 with the values kept and a Japanese message at each field.
 * GET /search/export.pdf|xlsx|csv: the whole result of the same URL's search as the listing's
 * PDF (cover with the conditions), xlsx or csv, audited as 'opportunity.export'.
 */
import { Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import {
  listingFileName,
  MAX_PDF_ENTRIES,
  MAX_SHEET_ROWS,
  renderListingCsv,
  renderListingPdf,
  renderListingXlsx,
} from '../listing/export';
import { listingText } from '../listing/listing';
import { exportSearchListing } from '../listing/service';
import { opportunityMessages } from '../opportunities/messages';
import { conditionsOf } from './conditions';
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

  // The whole result of a search (every page, in its order) as the listing's PDF, xlsx or csv.
  for (const format of ['pdf', 'xlsx', 'csv'] as const) {
    app.get(
      `/search/export.${format}`,
      authorize('opportunity.search', () => ({ kind: 'self' })),
      async (c) => {
        const user = c.get('user');
        if (!user) throw new Error('no signed-in user behind an authorized route');
        const params = new URL(c.req.url).searchParams;
        const parsed = parseSearchQuery(params);
        // A bad search shows its errors on the search page.
        if (!parsed.ok) return c.redirect(`/search?${params.toString()}`, 303);
        const filters = { ...parsed.filters, page: 1 };
        const now = new Date();
        const { database, config } = c.get('services');
        const limit = format === 'pdf' ? MAX_PDF_ENTRIES : MAX_SHEET_ROWS;
        const outcome = await searchRegistry(database.db, actorOf(user), filters, { now, pageSize: limit });
        const { items, total } = await exportSearchListing(
          database.db,
          actorOf(user),
          {
            format,
            ids: outcome.items.map((i) => i.id),
            total: outcome.total,
            query: toSearchQuery(filters),
          },
          auditActor(c),
        );
        const t = listingText(c.get('locale'));
        const body =
          format === 'pdf'
            ? await renderListingPdf(t, items, {
                now,
                total,
                conditions: conditionsOf(filters, searchMessages[c.get('locale')], t.om),
              })
            : format === 'xlsx'
              ? await renderListingXlsx(t, items, { baseUrl: config.baseUrl, now })
              : renderListingCsv(t, items, { baseUrl: config.baseUrl });
        c.header('content-type', exportContentTypes[format]);
        c.header('content-disposition', `attachment; filename="${listingFileName(t, now, format)}"`);
        c.header('cache-control', 'no-store');
        c.header('x-content-type-options', 'nosniff');
        return c.body(typeof body === 'string' ? body : new Uint8Array(body));
      },
    );
  }

  return app;
}

const exportContentTypes = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

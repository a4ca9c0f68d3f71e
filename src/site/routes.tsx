/**
 * The public site: the program's pages (Japanese and English by the language switch, easy
 * Japanese for top/flow/insurance, furigana on request), the council's published content
 * (stories, videos, news, pages), the registry's public summaries, sitemap.xml and robots.txt.
 * Everything here is public and works without JavaScript; unpublished content is a 404.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { setCookie } from 'hono/cookie';
import { publicPathOf } from '../content/content';
import { plainText } from '../content/render';
import {
  findVisibleContent,
  findVisiblePhoto,
  listVisibleContent,
  listVisibleForSitemap,
} from '../content/store';
import { notFound, safeNextPath } from '../platform/auth/guard';
import type { SiteContentKind } from '../platform/db/schema';
import { dbOf } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { LOCALE_COOKIE, parseLocale } from '../platform/i18n';
import { PARTICIPATION_AS_OF } from '../reference/corporations';
import { findMunicipality } from '../reference/municipalities';
import { type TaskCategory, taskCategories } from '../registry/opportunities/opportunity';
import { easyPages } from './easy';
import { measurements } from './measurements';
import type { SiteMessages } from './messages';
import { asOfLabel, CorporationsPage, WorkPlacesPage } from './registry-views';
import { FURIGANA_COOKIE, renderSitePage, siteMessagesOf } from './render';
import { listParticipatingCorporations, listPublicWorkPlaces } from './store';
import {
  EasyPageView,
  FlowPage,
  HowItWorksPage,
  InsurancePage,
  ItemPage,
  ListPage,
  localised,
  SectionsPage,
  StepsPage,
  TopPage,
} from './views';

/** The fixed pages, for the sitemap and the e2e walk. */
export const staticPaths = [
  '/',
  '/how-it-works',
  '/flow',
  '/insurance',
  '/corporations',
  '/work-places',
  '/stories',
  '/videos',
  '/news',
  '/for-corporations',
  '/for-agencies',
  '/accessibility',
  '/privacy',
  '/contact',
  '/easy',
  '/easy/flow',
  '/easy/insurance',
] as const;

/** Where agencies and corporations apply for the はたらく場情報 e-mail (the digest area). */
export const DIGEST_SUBSCRIBE_PATH = '/digest/apply';

const SLUG = ':slug{[a-z0-9]+(?:-[a-z0-9]+)*}';

const now = () => new Date().toISOString();

function crumbs(c: Context<AppEnv>, ...rest: { label: string; href?: string }[]) {
  return [{ label: c.get('t').home, href: '/' }, ...rest];
}

type ListKind = { kind: SiteContentKind; base: string; label: (m: SiteMessages) => string };
const lists: ListKind[] = [
  { kind: 'story', base: '/stories', label: (m) => m.stories.title },
  { kind: 'video', base: '/videos', label: (m) => m.videos.title },
  { kind: 'news', base: '/news', label: (m) => m.news.title },
];

export function siteRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Public pages are sent compressed when the browser accepts it (they are mostly text). Per
  // route, not app.use: a sub-app's middleware would run for every page mounted after it.
  const gz = compress();

  app.get('/', gz, async (c) => {
    const m = siteMessagesOf(c);
    const t = c.get('t');
    const [news, stories] = await Promise.all([
      listVisibleContent(dbOf(c), 'news', now(), 3),
      listVisibleContent(dbOf(c), 'story', now(), 3),
    ]);
    return renderSitePage(
      c,
      { title: m.siteName, description: m.top.description },
      <TopPage
        m={m}
        news={news}
        stories={stories}
        locale={c.get('locale')}
        staff={{
          title: t.landing.forStaff,
          text: t.landing.forStaffText,
          href: c.get('user') ? '/dashboard' : '/login',
          label: c.get('user') ? t.nav.dashboard : t.signIn,
        }}
      />,
    );
  });

  app.get('/about', (c) => c.redirect('/', 301));

  app.get('/how-it-works', gz, (c) => {
    const m = siteMessagesOf(c);
    return renderSitePage(
      c,
      {
        title: m.howItWorks.title,
        description: m.howItWorks.description,
        breadcrumbs: crumbs(c, { label: m.howItWorks.title }),
      },
      <HowItWorksPage m={m} />,
    );
  });

  app.get('/flow', gz, (c) => {
    const m = siteMessagesOf(c);
    return renderSitePage(
      c,
      {
        title: m.flow.title,
        description: m.flow.description,
        breadcrumbs: crumbs(c, { label: m.flow.title }),
      },
      <FlowPage m={m} />,
    );
  });

  app.get('/insurance', gz, (c) => {
    const m = siteMessagesOf(c);
    return renderSitePage(
      c,
      {
        title: m.insurance.title,
        description: m.insurance.description,
        breadcrumbs: crumbs(c, { label: m.insurance.title }),
      },
      <InsurancePage m={m} />,
    );
  });

  for (const [path, key, standard] of [
    ['/easy', 'top', '/'],
    ['/easy/flow', 'flow', '/flow'],
    ['/easy/insurance', 'insurance', '/insurance'],
  ] as const) {
    app.get(path, gz, (c) => {
      const m = siteMessagesOf(c);
      const page = easyPages[key];
      return renderSitePage(
        c,
        {
          title: page.title,
          description: page.description,
          alwaysFurigana: true,
          breadcrumbs: crumbs(c, { label: m.easy.label, href: '/easy' }, { label: page.title }),
        },
        <>
          <EasyPageView page={page} m={m} standardHref={standard} locale={c.get('locale')} />
          <nav aria-label={m.easy.label}>
            <ul class="plain-list" lang="ja">
              {(['top', 'flow', 'insurance'] as const)
                .filter((k) => k !== key)
                .map((k) => (
                  <li>
                    <a href={k === 'top' ? '/easy' : `/easy/${k}`}>{easyPages[k].title}</a>
                  </li>
                ))}
            </ul>
          </nav>
        </>,
      );
    });
  }

  app.get('/corporations', gz, async (c) => {
    const m = siteMessagesOf(c);
    const locale = c.get('locale');
    const [corporations, places] = await Promise.all([
      listParticipatingCorporations(dbOf(c)),
      listPublicWorkPlaces(dbOf(c), { acceptingOnly: false }),
    ]);
    const asOf = corporations.find((x) => x.participation_as_of)?.participation_as_of ?? PARTICIPATION_AS_OF;
    return renderSitePage(
      c,
      {
        title: m.corporations.title,
        description: m.corporations.description,
        breadcrumbs: crumbs(c, { label: m.corporations.title }),
      },
      <CorporationsPage
        m={m}
        locale={locale}
        asOf={asOfLabel(asOf, locale)}
        corporations={corporations}
        places={places}
      />,
    );
  });

  app.get('/work-places', gz, async (c) => {
    const m = siteMessagesOf(c);
    const municipality = c.req.query('municipality');
    const task = c.req.query('task');
    const filter = {
      municipality: municipality && findMunicipality(municipality) ? municipality : undefined,
      task: task && (taskCategories as readonly string[]).includes(task) ? (task as TaskCategory) : undefined,
    };
    const places = await listPublicWorkPlaces(dbOf(c), { acceptingOnly: true });
    return renderSitePage(
      c,
      {
        title: m.workPlaces.title,
        description: m.workPlaces.description,
        breadcrumbs: crumbs(c, { label: m.workPlaces.title }),
        noindex: Boolean(filter.municipality || filter.task),
      },
      <WorkPlacesPage m={m} locale={c.get('locale')} places={places} filter={filter} />,
    );
  });

  for (const list of lists) {
    app.get(list.base, gz, async (c) => {
      const m = siteMessagesOf(c);
      const items = await listVisibleContent(dbOf(c), list.kind, now());
      const copy = list.kind === 'story' ? m.stories : list.kind === 'video' ? m.videos : m.news;
      return renderSitePage(
        c,
        { title: copy.title, description: copy.description, breadcrumbs: crumbs(c, { label: copy.title }) },
        <ListPage
          m={m}
          title={copy.title}
          items={items}
          base={list.base}
          locale={c.get('locale')}
          empty={copy.none}
        />,
      );
    });
    app.get(`${list.base}/${SLUG}`, gz, async (c) => {
      const m = siteMessagesOf(c);
      const item = await findVisibleContent(dbOf(c), list.kind, c.req.param('slug'), now());
      if (!item) return notFound(c);
      const text = localised(item, c.get('locale'));
      return renderSitePage(
        c,
        {
          title: text.title,
          description: text.summary || plainText(text.body),
          ogType: 'article',
          image: item.photo_id ? `/site/photos/${item.photo_id}` : undefined,
          breadcrumbs: crumbs(c, { label: list.label(m), href: list.base }, { label: text.title }),
        },
        <ItemPage
          m={m}
          item={item}
          locale={c.get('locale')}
          photoBase="/site/photos"
          back={{ href: list.base, label: m.item.backTo(list.label(m)) }}
        />,
      );
    });
  }

  app.get(`/pages/${SLUG}`, gz, async (c) => {
    const m = siteMessagesOf(c);
    const item = await findVisibleContent(dbOf(c), 'page', c.req.param('slug'), now());
    if (!item) return notFound(c);
    const text = localised(item, c.get('locale'));
    return renderSitePage(
      c,
      {
        title: text.title,
        description: text.summary || plainText(text.body),
        breadcrumbs: crumbs(c, { label: text.title }),
      },
      <ItemPage m={m} item={item} locale={c.get('locale')} photoBase="/site/photos" />,
    );
  });

  app.get('/for-corporations', gz, (c) => {
    const m = siteMessagesOf(c);
    const f = m.forCorporations;
    return renderSitePage(
      c,
      { title: f.title, description: f.description, breadcrumbs: crumbs(c, { label: f.title }) },
      <StepsPage
        title={f.title}
        intro={f.intro}
        stepsTitle={f.stepsTitle}
        steps={f.steps}
        extra={[
          { heading: f.certificationTitle, text: f.certification },
          {
            heading: m.nav.insurance,
            text: f.insurance,
            link: { href: '/insurance', label: m.insurance.title },
          },
          {
            heading: m.forAgencies.subscribeTitle,
            text: f.digest,
            link: { href: DIGEST_SUBSCRIBE_PATH, label: m.forAgencies.subscribeLink },
          },
        ]}
      />,
    );
  });

  app.get('/for-agencies', gz, (c) => {
    const m = siteMessagesOf(c);
    const f = m.forAgencies;
    return renderSitePage(
      c,
      { title: f.title, description: f.description, breadcrumbs: crumbs(c, { label: f.title }) },
      <>
        <h1>{f.title}</h1>
        <p class="lead">{f.intro}</p>
        <section aria-labelledby="list">
          <h2 id="list">{f.listTitle}</h2>
          <ul>
            {f.list.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          <p>
            <a href="/work-places">{m.workPlaces.title}</a>
          </p>
        </section>
        <section aria-labelledby="subscribe">
          <h2 id="subscribe">{f.subscribeTitle}</h2>
          <p>{f.subscribe}</p>
          <p>
            <a href={DIGEST_SUBSCRIBE_PATH}>{f.subscribeLink}</a>
          </p>
        </section>
        <section aria-labelledby="account">
          <h2 id="account">{f.accountTitle}</h2>
          <p>{f.account}</p>
          <p>
            <a href="/contact">{m.contact.title}</a>
          </p>
        </section>
        <section aria-labelledby="flow">
          <h2 id="flow">{m.flow.title}</h2>
          <p>
            <a href="/flow">{m.flow.description}</a>
          </p>
        </section>
      </>,
    );
  });

  app.get('/accessibility', gz, (c) => {
    const m = siteMessagesOf(c);
    const a = m.accessibility;
    const locale = c.get('locale');
    return renderSitePage(
      c,
      { title: a.title, description: a.description, breadcrumbs: crumbs(c, { label: a.title }) },
      <>
        <h1>{a.title}</h1>
        <section aria-labelledby="policy">
          <h2 id="policy">{a.policyTitle}</h2>
          <p>{a.policy}</p>
        </section>
        <section aria-labelledby="measures">
          <h2 id="measures">{a.measuresTitle}</h2>
          <ul>
            {a.measures.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="results">
          <h2 id="results">{a.resultsTitle}</h2>
          <p>{a.results(measurements.date)}</p>
          <ul>
            <li>{a.axe(measurements.axePages)}</li>
            {measurements.lighthouse.length > 0 ? (
              <li>
                {a.lighthouse}
                <ul>
                  {measurements.lighthouse.map((row) => (
                    <li>{a.lighthouseRow(row.page[locale], row.perf, row.a11y, row.bp, row.seo)}</li>
                  ))}
                </ul>
              </li>
            ) : null}
          </ul>
          <h3>{a.limitsTitle}</h3>
          <p>{a.limits}</p>
          <p>
            {a.feedback} <a href="/contact">{m.contact.title}</a>
          </p>
        </section>
      </>,
    );
  });

  for (const [path, key] of [
    ['/privacy', 'privacy'],
    ['/contact', 'contact'],
  ] as const) {
    app.get(path, gz, async (c) => {
      const m = siteMessagesOf(c);
      const copy = m[key];
      // A published CMS page with the same slug replaces the built-in text (e.g. the
      // secretariat's current phone number and hours on /contact).
      const override = await findVisibleContent(dbOf(c), 'page', key, now());
      if (override) {
        const text = localised(override, c.get('locale'));
        return renderSitePage(
          c,
          {
            title: text.title,
            description: text.summary || copy.description,
            breadcrumbs: crumbs(c, { label: text.title }),
          },
          <ItemPage m={m} item={override} locale={c.get('locale')} photoBase="/site/photos" />,
        );
      }
      return renderSitePage(
        c,
        { title: copy.title, description: copy.description, breadcrumbs: crumbs(c, { label: copy.title }) },
        <>
          <SectionsPage title={copy.title} sections={copy.sections} />
          {key === 'contact' ? (
            <p>
              <a href="/insurance">{m.insurance.title}</a>
            </p>
          ) : null}
        </>,
      );
    });
  }

  app.get('/site/photos/:id{[0-9a-f-]{36}}', async (c) => {
    const photo = await findVisiblePhoto(dbOf(c), c.req.param('id'), now());
    if (!photo) return notFound(c);
    return c.body(Buffer.from(photo.data, 'base64'), 200, {
      'Content-Type': photo.media_type,
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.get('/furigana', (c) => {
    const on = c.req.query('on') === '1';
    setCookie(c, FURIGANA_COOKIE, on ? '1' : '0', {
      sameSite: 'Lax',
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      secure: c.get('services').config.secureCookies,
    });
    return c.redirect(safeNextPath(c.req.query('next'), '/'), 303);
  });

  app.get('/robots.txt', gz, (c) => {
    const base = c.get('services').config.baseUrl.replace(/\/$/, '');
    const lines = [
      'User-agent: *',
      'Disallow: /council/',
      'Disallow: /api/',
      'Disallow: /login',
      'Disallow: /furigana',
      'Allow: /',
      '',
      `Sitemap: ${base}/sitemap.xml`,
      '',
    ];
    return c.text(lines.join('\n'), 200, { 'Cache-Control': 'public, max-age=3600' });
  });

  app.get('/sitemap.xml', gz, async (c) => {
    const base = c.get('services').config.baseUrl.replace(/\/$/, '');
    const items = await listVisibleForSitemap(dbOf(c), now());
    const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const urls = [
      ...staticPaths.map((path) => `  <url><loc>${escapeXml(base + path)}</loc></url>`),
      ...items.map(
        (item) =>
          `  <url><loc>${escapeXml(base + publicPathOf(item.kind, item.slug))}</loc><lastmod>${item.updated_at.slice(0, 10)}</lastmod></url>`,
      ),
    ];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
    return c.body(xml, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  app.post('/language', async (c) => {
    const body = await c.req.parseBody();
    const locale = parseLocale(typeof body.locale === 'string' ? body.locale : undefined) ?? 'ja';
    setCookie(c, LOCALE_COOKIE, locale, {
      sameSite: 'Lax',
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      secure: c.get('services').config.secureCookies,
    });
    return c.redirect(safeNextPath(typeof body.next === 'string' ? body.next : undefined, '/'), 303);
  });

  return app;
}

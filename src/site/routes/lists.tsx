/**
 * The public lists and what they link to: participating corporations and work places from the
 * registry, the council's stories, videos and news with their items, CMS pages and story photos.
 * Unpublished content is a 404.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { plainText } from '../../content/render';
import { findVisibleContent, findVisiblePhoto, listVisibleContent } from '../../content/store';
import { notFound } from '../../platform/auth/guard';
import type { SiteContentKind } from '../../platform/db/schema';
import { dbOf } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { PARTICIPATION_AS_OF } from '../../reference/corporations';
import { findMunicipality } from '../../reference/municipalities';
import { type TaskCategory, taskCategories } from '../../registry/opportunities/opportunity';
import type { SiteMessages } from '../messages';
import { asOfLabel, CorporationsPage, WorkPlacesPage } from '../registry-views';
import { renderSitePage, siteMessagesOf } from '../render';
import { listParticipatingCorporations, listPublicWorkPlaces } from '../store';
import { ItemPage, ListPage, localised } from '../views';
import { crumbs, now } from './shared';

const SLUG = ':slug{[a-z0-9]+(?:-[a-z0-9]+)*}';

type ListKind = { kind: SiteContentKind; base: string; label: (m: SiteMessages) => string };
const lists: ListKind[] = [
  { kind: 'story', base: '/stories', label: (m) => m.stories.title },
  { kind: 'video', base: '/videos', label: (m) => m.videos.title },
  { kind: 'news', base: '/news', label: (m) => m.news.title },
];

export function addListPages(app: Hono<AppEnv>, gz: MiddlewareHandler): void {
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

  app.get('/site/photos/:id{[0-9a-f-]{36}}', async (c) => {
    const photo = await findVisiblePhoto(dbOf(c), c.req.param('id'), now());
    if (!photo) return notFound(c);
    return c.body(Buffer.from(photo.data, 'base64'), 200, {
      'Content-Type': photo.media_type,
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}

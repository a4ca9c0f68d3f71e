/** What search engines read: robots.txt and sitemap.xml over the fixed pages and published content. */
import type { Hono, MiddlewareHandler } from 'hono';
import { publicPathOf } from '../../content/content';
import { listVisibleForSitemap } from '../../content/store';
import { dbOf } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { now } from './shared';

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

export function addCrawlerRoutes(app: Hono<AppEnv>, gz: MiddlewareHandler): void {
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
}

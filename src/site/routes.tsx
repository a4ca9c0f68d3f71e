/**
 * The public site: the program's pages (Japanese and English by the language switch, easy
 * Japanese for top/flow/insurance, furigana on request), the council's published content
 * (stories, videos, news, pages), the registry's public summaries, sitemap.xml and robots.txt.
 * Everything here is public and works without JavaScript; unpublished content is a 404.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AppEnv } from '../platform/http/env';
import { addCrawlerRoutes } from './routes/crawlers';
import { addInformationPages } from './routes/information';
import { addListPages } from './routes/lists';
import { addPreferenceRoutes } from './routes/preferences';
import { addProgramPages } from './routes/program';

export { staticPaths } from './routes/crawlers';
export { DIGEST_SUBSCRIBE_PATH } from './routes/information';

export function siteRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Public pages are sent compressed when the browser accepts it (they are mostly text). Per
  // route, not app.use: a sub-app's middleware would run for every page mounted after it.
  const gz = compress();
  addProgramPages(app, gz);
  addListPages(app, gz);
  addInformationPages(app, gz);
  addPreferenceRoutes(app);
  addCrawlerRoutes(app, gz);
  return app;
}

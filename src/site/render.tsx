/**
 * Renders a public site page: the shared layout in its site variant (site menu, furigana switch,
 * footer links), the head tags every public page carries (description, canonical URL, OpenGraph),
 * and — when the reader asked for it, or on easy-Japanese pages — ruby readings over the kanji of
 * the main content.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { furiganaHtml } from '../content/furigana';
import { furiganaCorrections } from '../content/service';
import { dbOf } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { pageContext } from '../platform/http/render';
import type { Crumb } from '../platform/ui/layout';
import { Layout } from '../platform/ui/layout';
import type { NavItem } from '../platform/ui/navigation';
import { type SiteMessages, siteMessages } from './messages';

export const FURIGANA_COOKIE = 'furigana';

export function siteMessagesOf(c: Context<AppEnv>): SiteMessages {
  return siteMessages[c.get('locale')];
}

/** Furigana is for Japanese pages: on by the reader's switch (cookie) or `?furigana=1`. */
export function furiganaWanted(c: Context<AppEnv>): boolean {
  if (c.get('locale') !== 'ja') return false;
  const query = c.req.query('furigana');
  if (query === '1') return true;
  if (query === '0') return false;
  return getCookie(c, FURIGANA_COOKIE) === '1';
}

export function siteNav(m: SiteMessages): NavItem[] {
  return [
    { href: '/how-it-works', label: m.nav.howItWorks },
    { href: '/flow', label: m.nav.flow },
    { href: '/insurance', label: m.nav.insurance },
    { href: '/corporations', label: m.nav.corporations },
    { href: '/work-places', label: m.nav.workPlaces },
    { href: '/stories', label: m.nav.stories },
    { href: '/videos', label: m.nav.videos },
    { href: '/news', label: m.nav.news },
  ];
}

export function footerLinks(m: SiteMessages): NavItem[] {
  return [
    { href: '/for-corporations', label: m.nav.forCorporations },
    { href: '/for-agencies', label: m.nav.forAgencies },
    { href: '/easy', label: m.easyJapanese },
    { href: '/accessibility', label: m.nav.accessibility },
    { href: '/privacy', label: m.nav.privacy },
    { href: '/contact', label: m.nav.contact },
  ];
}

export type SitePageOptions = {
  title: string;
  description: string;
  breadcrumbs?: Crumb[];
  status?: ContentfulStatusCode;
  ogType?: 'website' | 'article';
  /** An absolute path of an image for OpenGraph (a story photo). */
  image?: string;
  /** Easy-Japanese pages always show readings. */
  alwaysFurigana?: boolean;
  /** Pages that must not be indexed (previews). */
  noindex?: boolean;
};

export async function renderSitePage(
  c: Context<AppEnv>,
  options: SitePageOptions,
  body: Child,
): Promise<Response> {
  const m = siteMessagesOf(c);
  const locale = c.get('locale');
  const baseUrl = c.get('services').config.baseUrl.replace(/\/$/, '');
  const url = new URL(c.req.url);
  const canonical = `${baseUrl}${url.pathname}`;
  let html = String(await (<>{body}</>).toString());
  const furigana = options.alwaysFurigana || furiganaWanted(c);
  if (furigana) html = await furiganaHtml(html, await furiganaCorrections(dbOf(c)));
  const here = url.pathname + url.search;
  const title = options.title === m.siteName ? m.siteName : `${options.title} | ${m.siteName}`;
  const head = (
    <>
      <meta name="description" content={options.description} />
      {options.noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={canonical} />}
      <meta property="og:site_name" content={m.siteName} />
      <meta property="og:title" content={options.title} />
      <meta property="og:description" content={options.description} />
      <meta property="og:type" content={options.ogType ?? 'website'} />
      <meta property="og:url" content={canonical} />
      <meta property="og:locale" content={locale === 'ja' ? 'ja_JP' : 'en_US'} />
      {options.image ? <meta property="og:image" content={`${baseUrl}${options.image}`} /> : null}
      <meta name="twitter:card" content="summary" />
    </>
  );
  const back = new URL(url);
  back.searchParams.delete('furigana');
  const pathOnly = back.pathname + back.search;
  const tools =
    locale === 'ja' && !options.alwaysFurigana ? (
      <a
        class="button button-secondary button-small"
        rel="nofollow"
        href={`/furigana?on=${furigana ? '0' : '1'}&next=${encodeURIComponent(pathOnly)}`}
      >
        {furigana ? m.furiganaOff : m.furiganaOn}
      </a>
    ) : null;
  const footer = (
    <nav aria-label={m.footerNav} class="site-footer-nav">
      <ul>
        {footerLinks(m).map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
  const page = (
    <Layout
      page={{ ...(await pageContext(c)), path: here }}
      title={title}
      breadcrumbs={options.breadcrumbs}
      site={{ head, nav: siteNav(m), navLabel: m.siteNav, tools, footer }}
    >
      {raw(html)}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${await page.toString()}`, options.status ?? 200);
}

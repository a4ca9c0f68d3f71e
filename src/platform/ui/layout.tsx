/**
 * The page frame every screen uses: skip link, header with the language switch and sign-out,
 * navigation for the caller's role, breadcrumbs, one <main>, footer, and the demo banner.
 */
import type { Child } from 'hono/jsx';
import { InboxLink } from '../../notifications/badge';
import type { CurrentUser } from '../http/env';
import type { Locale, Messages } from '../i18n';
import { type NavItem, navigationFor } from './navigation';

export type Crumb = { label: string; href?: string };

export type PageContext = {
  t: Messages;
  locale: Locale;
  user: CurrentUser | null;
  csrfToken: string;
  demo: boolean;
  /** The current path with query, so the language switch returns here. */
  path: string;
  /** The signed-in user's unread notifications, for the header (read before rendering). */
  unread?: number;
};

/**
 * The public site's variant (src/site): its own head tags (description, OpenGraph), menu, extra
 * header tools (the furigana switch) and footer; the page's title is used as it is.
 */
export type SiteVariant = { head?: Child; nav: NavItem[]; navLabel: string; tools?: Child; footer?: Child };

export function Layout(props: {
  page: PageContext;
  title: string;
  breadcrumbs?: Crumb[];
  children?: Child;
  site?: SiteVariant;
}) {
  const { page, title, breadcrumbs, site } = props;
  const { t, locale, user } = page;
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  const items = site ? site.nav : navigationFor(user?.role, t);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{site || title === t.appName ? title : `${title} | ${t.appName}`}</title>
        {site?.head}
        <link rel="stylesheet" href="/assets/fonts/biz-udpgothic/400.css" />
        <link rel="stylesheet" href="/assets/fonts/biz-udpgothic/700.css" />
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        {page.demo ? (
          <div class="demo-banner" role="note">
            <strong>DEMO</strong> {t.demoBanner}
          </div>
        ) : null}
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/">
              {t.appName}
            </a>
            <div class="header-tools">
              {site?.tools}
              <form method="post" action="/language" class="inline-form">
                <input type="hidden" name="_csrf" value={page.csrfToken} />
                <input type="hidden" name="locale" value={other} />
                <input type="hidden" name="next" value={page.path} />
                <button type="submit" class="link-button">
                  <span class="visually-hidden">{t.language}: </span>
                  <span lang={other}>{t.switchLanguage}</span>
                </button>
              </form>
              {user ? (
                <>
                  {/* 通知 with the unread count (src/notifications/badge.tsx). */}
                  <InboxLink
                    locale={locale}
                    unread={page.unread}
                    current={page.path.split('?')[0] === '/inbox'}
                  />
                  <span class="signed-in">
                    <span class="visually-hidden">{t.signedInAs}: </span>
                    {/* The user's own account page (アカウント設定: details, two-factor, devices). */}
                    <a href="/account">
                      {user.name}({t.roles[user.role]})
                    </a>
                  </span>
                  <form method="post" action="/logout" class="inline-form">
                    <input type="hidden" name="_csrf" value={page.csrfToken} />
                    <button type="submit" class="button button-secondary button-small">
                      {t.signOut}
                    </button>
                  </form>
                </>
              ) : (
                <a class="button button-small" href="/login">
                  {t.signIn}
                </a>
              )}
            </div>
          </div>
          {items.length > 0 ? (
            <nav
              class={site ? 'main-nav site-nav' : 'main-nav'}
              aria-label={site ? site.navLabel : t.mainNavigation}
            >
              <ul class="container">
                {items.map((item) => (
                  <li>
                    <a href={item.href} aria-current={isCurrent(page.path, item.href) ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        {breadcrumbs && breadcrumbs.length > 0 ? (
          <nav class="breadcrumbs container" aria-label={t.breadcrumbs}>
            <ol>
              {breadcrumbs.map((crumb, index) => (
                <li>
                  {crumb.href && index < breadcrumbs.length - 1 ? (
                    <a href={crumb.href}>{crumb.label}</a>
                  ) : (
                    <span aria-current="page">{crumb.label}</span>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="main" class="container" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            {site?.footer}
            <p>{t.footerNote}</p>
            <p>
              {t.footerCouncil} · {t.productName}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function isCurrent(path: string, href: string): boolean {
  const pathname = path.split('?')[0] ?? path;
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

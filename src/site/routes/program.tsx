/**
 * The public pages explaining the program: top, how it works, support flow and insurance, and
 * their easy-Japanese versions (always with furigana).
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { listVisibleContent } from '../../content/store';
import { dbOf } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { easyPages } from '../easy';
import { renderSitePage, siteMessagesOf } from '../render';
import { EasyPageView, FlowPage, HowItWorksPage, InsurancePage, TopPage } from '../views';
import { crumbs, now } from './shared';

export function addProgramPages(app: Hono<AppEnv>, gz: MiddlewareHandler): void {
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
}

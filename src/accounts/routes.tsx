/** The signed-in home page. Signing in and out: sign-in/routes; the user's own account: account/routes. */
import { Hono } from 'hono';
import { actorOf, requireUser } from '../platform/auth/guard';
import { dbOf } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { renderPage } from '../platform/http/render';
import { ReferralActionsPanel, referralActionsFor } from '../referrals/dashboard';

export function accountRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/dashboard', requireUser(), async (c) => {
    const t = c.get('t');
    const user = c.get('user');
    if (!user) return c.redirect('/login', 303);
    const referralActions = await referralActionsFor(dbOf(c), actorOf(user), {
      stalledAfter: c.get('services').config.referralPeriods.reminderBusinessDays,
    });
    return renderPage(
      c,
      { title: t.dashboard.title, breadcrumbs: [{ label: t.home, href: '/' }, { label: t.dashboard.title }] },
      <>
        <h1>{t.dashboard.welcome(user.name)}</h1>
        <dl class="summary-list">
          <div>
            <dt>{t.dashboard.organisation}</dt>
            <dd>{user.organisationName}</dd>
          </div>
          <div>
            <dt>{t.dashboard.role}</dt>
            <dd>{t.roles[user.role]}</dd>
          </div>
        </dl>
        <ReferralActionsPanel actions={referralActions} locale={c.get('locale')} />
      </>,
    );
  });

  return app;
}

/**
 * アカウント設定: the signed-in user's own account — details, two-factor authentication (turn on,
 * turn off, new recovery codes) and signed-in devices with "sign out on all devices". Every route
 * is `account.manage` on the caller themself.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../platform/auth/guard';
import { currentUser } from '../../platform/http/context';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { readForm, validateForm } from '../../platform/http/form';
import { renderPage } from '../../platform/http/render';
import { clearSessionCookie, requestMeta } from '../sign-in/cookie';
import { signOutEverywhere } from '../sign-in/service';
import { twoFactorMessages } from '../two-factor/messages';
import { disableTwoFactor, enableTwoFactor, regenerateRecoveryCodes } from '../two-factor/service';
import { isTotpSecret, newTotpSecret, totpQrCode } from '../two-factor/totp';
import { EnrolmentForm, RecoveryCodeList } from '../two-factor/views';
import { accountMessages } from './messages';
import { loadAccountSecurity } from './service';
import { AccountPage, ConfirmWithPassword } from './views';

const self = () => authorize('account.manage', () => ({ kind: 'self' }));

const codeSchema = z.object({ code: z.string().trim().min(1), secret: z.string().optional() });
const passwordSchema = z.object({ password: z.string().min(1) });

const notices = {
  'two-factor-enabled': 'enabledNotice',
  'two-factor-disabled': 'disabledNotice',
} as const;

function ownerOf(user: CurrentUser) {
  return { userId: user.id, organisationId: user.organisationId };
}

function noStore(c: Context<AppEnv>): void {
  c.header('Cache-Control', 'no-store');
}

export function accountPageRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const crumbs = (c: Context<AppEnv>, here?: string) => {
    const t = c.get('t');
    const m = accountMessages[c.get('locale')];
    return here
      ? [{ label: t.home, href: '/dashboard' }, { label: m.title, href: '/account' }, { label: here }]
      : [{ label: t.home, href: '/dashboard' }, { label: m.title }];
  };

  app.get('/account', self(), async (c) => {
    const user = currentUser(c);
    const m = accountMessages[c.get('locale')];
    const security = await loadAccountSecurity(c.get('services').database.db, user.id);
    const notice = notices[c.req.query('notice') as keyof typeof notices];
    return renderPage(
      c,
      { title: m.title, breadcrumbs: crumbs(c) },
      <AccountPage
        t={c.get('t')}
        m={m}
        locale={c.get('locale')}
        user={user}
        security={security}
        csrfToken={c.get('csrfToken')}
        notice={notice ? m.twoFactor[notice] : undefined}
      />,
    );
  });

  const renderEnrolment = async (
    c: Context<AppEnv>,
    secret: string,
    errors: Record<string, string>,
    status: 200 | 400,
  ) => {
    const m = accountMessages[c.get('locale')];
    noStore(c);
    return renderPage(
      c,
      { title: m.twoFactor.enableTitle, breadcrumbs: crumbs(c, m.twoFactor.enableTitle), status },
      <div class="narrow">
        <h1>{m.twoFactor.enableTitle}</h1>
        <EnrolmentForm
          t={c.get('t')}
          m={twoFactorMessages[c.get('locale')]}
          csrfToken={c.get('csrfToken')}
          action="/account/two-factor"
          secret={secret}
          qrCode={await totpQrCode(secret, currentUser(c).email)}
          errors={errors}
        />
        <p>
          <a href="/account">{m.twoFactor.cancel}</a>
        </p>
      </div>,
    );
  };

  const renderRecoveryCodes = (c: Context<AppEnv>, codes: string[], notice?: string) => {
    const mt = twoFactorMessages[c.get('locale')];
    noStore(c);
    return renderPage(
      c,
      { title: mt.recovery.title, breadcrumbs: crumbs(c, mt.recovery.title) },
      <div class="narrow">
        <h1>{mt.recovery.title}</h1>
        {notice ? (
          <p role="status">
            <strong>{notice}</strong>
          </p>
        ) : null}
        <RecoveryCodeList m={mt} codes={codes} continueTo="/account" />
      </div>,
    );
  };

  app.get('/account/two-factor', self(), async (c) => {
    const security = await loadAccountSecurity(c.get('services').database.db, currentUser(c).id);
    if (security.totpEnabledAt) return c.redirect('/account', 303);
    return renderEnrolment(c, newTotpSecret(), {}, 200);
  });

  app.post('/account/two-factor', self(), async (c) => {
    const user = currentUser(c);
    const values = await readForm(c);
    const secret = isTotpSecret(values.secret ?? '') ? (values.secret as string) : newTotpSecret();
    const form = validateForm(codeSchema, values, c.get('t'));
    if (!form.ok) return renderEnrolment(c, secret, form.errors, 400);
    const result = await enableTwoFactor(
      c.get('services').database.db,
      ownerOf(user),
      { secret, code: form.data.code },
      requestMeta(c),
    );
    if (!result.ok && result.reason === 'already_enabled') return c.redirect('/account', 303);
    if (!result.ok)
      return renderEnrolment(c, secret, { code: twoFactorMessages[c.get('locale')].enrol.invalidCode }, 400);
    return renderRecoveryCodes(
      c,
      result.recoveryCodes,
      accountMessages[c.get('locale')].twoFactor.enabledNotice,
    );
  });

  const confirmPage = (
    c: Context<AppEnv>,
    kind: 'disable' | 'regenerate',
    errors: Record<string, string>,
    status: 200 | 400 | 429,
  ) => {
    const m = accountMessages[c.get('locale')];
    const text =
      kind === 'disable'
        ? {
            title: m.twoFactor.disableTitle,
            intro: m.twoFactor.disableIntro,
            submit: m.twoFactor.disableSubmit,
            action: '/account/two-factor/disable',
          }
        : {
            title: m.twoFactor.regenerateTitle,
            intro: m.twoFactor.regenerateIntro,
            submit: m.twoFactor.regenerateSubmit,
            action: '/account/recovery-codes',
          };
    return renderPage(
      c,
      { title: text.title, breadcrumbs: crumbs(c, text.title), status },
      <ConfirmWithPassword t={c.get('t')} m={m} csrfToken={c.get('csrfToken')} errors={errors} {...text} />,
    );
  };

  app.get('/account/two-factor/disable', self(), async (c) => {
    const security = await loadAccountSecurity(c.get('services').database.db, currentUser(c).id);
    if (!security.totpEnabledAt || security.twoFactorRequired) return c.redirect('/account', 303);
    return confirmPage(c, 'disable', {}, 200);
  });

  app.post('/account/two-factor/disable', self(), async (c) => {
    const m = accountMessages[c.get('locale')];
    const form = validateForm(passwordSchema, await readForm(c), c.get('t'));
    if (!form.ok) return confirmPage(c, 'disable', form.errors, 400);
    const result = await disableTwoFactor(
      c.get('services').database.db,
      ownerOf(currentUser(c)),
      form.data.password,
      requestMeta(c),
    );
    switch (result) {
      case 'disabled':
        return c.redirect('/account?notice=two-factor-disabled', 303);
      case 'not_enabled':
        return c.redirect('/account', 303);
      case 'required':
        return renderPage(
          c,
          { title: m.twoFactor.disableTitle, breadcrumbs: crumbs(c, m.twoFactor.disableTitle), status: 403 },
          <div class="narrow">
            <h1>{m.twoFactor.disableTitle}</h1>
            <p>{m.twoFactor.required}</p>
            <p>
              <a href="/account">{m.twoFactor.cancel}</a>
            </p>
          </div>,
        );
      case 'wrong_password':
        return confirmPage(c, 'disable', { password: m.twoFactor.wrongPassword }, 400);
      case 'rate_limited':
        return confirmPage(c, 'disable', { _form: m.twoFactor.rateLimited }, 429);
    }
  });

  app.get('/account/recovery-codes', self(), async (c) => {
    const security = await loadAccountSecurity(c.get('services').database.db, currentUser(c).id);
    if (!security.totpEnabledAt) return c.redirect('/account', 303);
    return confirmPage(c, 'regenerate', {}, 200);
  });

  app.post('/account/recovery-codes', self(), async (c) => {
    const m = accountMessages[c.get('locale')];
    const form = validateForm(passwordSchema, await readForm(c), c.get('t'));
    if (!form.ok) return confirmPage(c, 'regenerate', form.errors, 400);
    const result = await regenerateRecoveryCodes(
      c.get('services').database.db,
      ownerOf(currentUser(c)),
      form.data.password,
      requestMeta(c),
    );
    if (result.ok) return renderRecoveryCodes(c, result.recoveryCodes);
    if (result.reason === 'not_enabled') return c.redirect('/account', 303);
    if (result.reason === 'rate_limited')
      return confirmPage(c, 'regenerate', { _form: m.twoFactor.rateLimited }, 429);
    return confirmPage(c, 'regenerate', { password: m.twoFactor.wrongPassword }, 400);
  });

  app.post('/account/sign-out-everywhere', self(), async (c) => {
    await signOutEverywhere(c.get('services').database.db, ownerOf(currentUser(c)), requestMeta(c));
    clearSessionCookie(c);
    return c.redirect('/login?notice=signed-out-everywhere', 303);
  });

  return app;
}

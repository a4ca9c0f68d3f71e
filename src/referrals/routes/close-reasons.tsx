/**
 * The council's list of closing reasons (referral_reason.manage): shown as one form, saved as a
 * whole; an empty new row is left out.
 */
import type { Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize, forbidden } from '../../platform/auth/guard';
import { currentUser, dbOf } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import type { FieldErrors } from '../../platform/ui/form';
import { messagesOf } from '../http-context';
import { closeReasons, saveCloseReasons } from '../service/close-reasons';
import type { CloseReason } from '../store/close-reasons';
import { ReasonsForm } from '../views/lists';

const council = () => ({ kind: 'council' }) as const;

async function renderReasons(
  c: Context<AppEnv>,
  errors: FieldErrors,
  reasons?: CloseReason[],
  status: 200 | 400 = 200,
) {
  const t = c.get('t');
  const m = messagesOf(c);
  const list = reasons ?? (await closeReasons(dbOf(c)));
  return renderPage(
    c,
    {
      title: m.reasonsTitle,
      status,
      breadcrumbs: [
        { label: t.home, href: '/dashboard' },
        { label: m.listTitle, href: '/referrals' },
        { label: m.reasonsTitle },
      ],
    },
    <>
      <h1>{m.reasonsTitle}</h1>
      {c.req.query('saved') ? (
        <div class="notice filter-panel" role="status">
          <p>{m.reasonsSaved}</p>
        </div>
      ) : null}
      <p>{m.reasonsIntro}</p>
      <ReasonsForm t={t} m={m} csrfToken={c.get('csrfToken')} reasons={list} errors={errors} />
    </>,
  );
}

export function registerCloseReasonPages(app: Hono<AppEnv>): void {
  app.get('/referrals/reasons', authorize('referral_reason.manage', council), (c) => renderReasons(c, {}));

  app.post('/referrals/reasons', authorize('referral_reason.manage', council), async (c) => {
    const m = messagesOf(c);
    const body = await c.req.parseBody();
    const raw = (k: string) =>
      typeof body[k] === 'string' ? (body[k] as string).normalize('NFKC').trim() : '';
    const reasons: CloseReason[] = [];
    for (let i = 0; i < 200; i += 1) {
      if (!(`reason_${i}_code` in body)) break;
      const code = raw(`reason_${i}_code`);
      const labelJa = raw(`reason_${i}_label_ja`);
      const labelEn = raw(`reason_${i}_label_en`);
      // The empty row for a new reason is left out when nothing was typed into it.
      if (code === '' && labelJa === '' && labelEn === '') continue;
      reasons.push({
        code,
        labelJa,
        labelEn,
        forDeclined: raw(`reason_${i}_for_declined`) === '1',
        forNotAgreed: raw(`reason_${i}_for_not_agreed`) === '1',
        forWithdrawn: raw(`reason_${i}_for_withdrawn`) === '1',
        active: raw(`reason_${i}_active`) === '1',
        sortOrder: Number.parseInt(raw(`reason_${i}_sort_order`), 10) || 0,
      });
    }
    const outcome = await saveCloseReasons(dbOf(c), actorOf(currentUser(c)), reasons, auditActor(c));
    if (outcome.status === 'forbidden') return forbidden(c);
    if (outcome.status === 'invalid') {
      const errors: FieldErrors = {};
      for (const [k, code] of Object.entries(outcome.errors)) errors[k] = m.errors[code];
      return renderReasons(c, errors, reasons, 400);
    }
    return c.redirect('/referrals/reasons?saved=1', 303);
  });
}

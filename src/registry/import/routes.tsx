/**
 * The はたらく場 import pages. Every route carries 'opportunity.import' (whoever keeps some
 * facility's はたらく場); each row is then checked with 'opportunity.create' for its facility.
 *   GET  /opportunities/import                 upload page, column guide, template links
 *   GET  /opportunities/import/template.xlsx   the template (Excel)
 *   GET  /opportunities/import/template.csv    the template (CSV, UTF-8 with BOM)
 *   POST /opportunities/import                 multipart upload → preview (nothing written)
 *   POST /opportunities/import/confirm         the kept upload → all rows in one transaction
 *   GET  /opportunities/import/done/:token     what was registered
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { AppEnv, CurrentUser } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { listFacilitiesFor } from '../facilities/service';
import { opportunityMessages } from '../opportunities/messages';
import { getOpportunity } from '../opportunities/service';
import { importMessages } from './messages';
import { importedIds, keepUpload, markImported, type PendingOwner, takeUpload } from './pending';
import { refusalMessage } from './report';
import { importOpportunities, previewImport } from './service';
import { FALLBACK_FACILITY, templateCsv, templateXlsx } from './template';
import { DonePage, PreviewPage, READY_SHOWN, UploadPage } from './views';

/** Uploads larger than this are refused before they are read. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const guard = () => authorize('opportunity.import', () => ({ kind: 'self' }));

function userOf(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!user) throw new Error('no signed-in user behind an authorized route');
  return user;
}

const ownerOf = (user: CurrentUser): PendingOwner => ({ userId: user.id, sessionId: user.sessionId ?? '' });

function messagesOf(c: Context<AppEnv>) {
  return importMessages[c.get('locale')];
}

function crumbs(c: Context<AppEnv>, last?: string) {
  const m = messagesOf(c);
  return [
    { label: c.get('t').home, href: '/dashboard' },
    { label: opportunityMessages[c.get('locale')].listTitle, href: '/opportunities' },
    ...(last ? [{ label: m.title, href: '/opportunities/import' }, { label: last }] : [{ label: m.title }]),
  ];
}

function scopeText(c: Context<AppEnv>, user: CurrentUser): string {
  const m = messagesOf(c);
  if (user.role === 'facility_coordinator') return m.scopeCoordinator;
  if (user.role === 'corporation_admin') return m.scopeCorporation;
  return m.scopeCouncil;
}

function uploadPage(c: Context<AppEnv>, error?: string) {
  const m = messagesOf(c);
  return renderPage(
    c,
    { title: m.title, breadcrumbs: crumbs(c), status: error ? 400 : 200 },
    <UploadPage
      t={c.get('t')}
      m={m}
      csrfToken={c.get('csrfToken')}
      scope={scopeText(c, userOf(c))}
      error={error}
    />,
  );
}

/** The first facility the user keeps, so the template's example row imports as it is. */
async function exampleFacility(c: Context<AppEnv>, user: CurrentUser): Promise<string> {
  const actor = actorOf(user);
  const db = c.get('services').database.db;
  if (user.role === 'facility_coordinator') {
    const { items } = await listFacilitiesFor(db, actor, { limit: 100, offset: 0 });
    return items.find((f) => user.facilityIds.includes(f.id))?.name ?? FALLBACK_FACILITY;
  }
  const { items } = await listFacilitiesFor(db, actor, { limit: 1, offset: 0 });
  return items[0]?.name ?? FALLBACK_FACILITY;
}

export function importRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/opportunities/import', guard(), (c) => uploadPage(c));

  app.get('/opportunities/import/template.xlsx', guard(), async (c) => {
    const bytes = await templateXlsx(await exampleFacility(c, userOf(c)));
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="hataraku-opportunities-template.xlsx"; filename*=UTF-8''${encodeURIComponent('はたらく場_登録シート.xlsx')}`,
      'cache-control': 'no-store',
    });
  });

  app.get('/opportunities/import/template.csv', guard(), async (c) => {
    const text = templateCsv(await exampleFacility(c, userOf(c)));
    return c.body(text, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="hataraku-opportunities-template.csv"; filename*=UTF-8''${encodeURIComponent('はたらく場_登録シート.csv')}`,
      'cache-control': 'no-store',
    });
  });

  app.post('/opportunities/import', guard(), async (c) => {
    const m = messagesOf(c);
    const user = userOf(c);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
      return uploadPage(c, refusalMessage({ problem: 'noFile' }, m));
    }
    if (file.size > MAX_UPLOAD_BYTES) return uploadPage(c, refusalMessage({ problem: 'tooLarge' }, m));
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = await previewImport(c.get('services').database.db, actorOf(user), bytes);
    if (outcome.status === 'refused') return uploadPage(c, refusalMessage(outcome.refusal, m));
    const { preview } = outcome;
    const clean = preview.errors.length === 0;
    const token = clean ? await keepUpload(bytes, ownerOf(user), file.name) : undefined;
    return renderPage(
      c,
      { title: m.previewTitle, breadcrumbs: crumbs(c, m.previewTitle), status: clean ? 200 : 400 },
      <PreviewPage
        m={m}
        locale={c.get('locale')}
        csrfToken={c.get('csrfToken')}
        preview={preview}
        fileName={file.name}
        token={token}
      />,
    );
  });

  app.post('/opportunities/import/confirm', guard(), async (c) => {
    const m = messagesOf(c);
    const user = userOf(c);
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : '';
    const upload = await takeUpload(token, ownerOf(user));
    if (!upload) return uploadPage(c, refusalMessage({ problem: 'expired' }, m));
    const outcome = await importOpportunities(
      c.get('services').database.db,
      actorOf(user),
      upload.bytes,
      auditActor(c),
      { fileName: upload.fileName },
    );
    if (outcome.status === 'refused') return uploadPage(c, refusalMessage(outcome.refusal, m));
    if (outcome.status === 'invalid') {
      // Something changed since the preview (a facility, a 認定, a right): show why, write nothing.
      return renderPage(
        c,
        { title: m.previewTitle, breadcrumbs: crumbs(c, m.previewTitle), status: 409 },
        <PreviewPage
          m={m}
          locale={c.get('locale')}
          csrfToken={c.get('csrfToken')}
          preview={outcome.preview}
          fileName={upload.fileName}
        />,
      );
    }
    await markImported(token, outcome.ids);
    return c.redirect(`/opportunities/import/done/${token}`, 303);
  });

  app.get('/opportunities/import/done/:token', guard(), async (c) => {
    const m = messagesOf(c);
    const user = userOf(c);
    const ids = await importedIds(c.req.param('token'), ownerOf(user));
    if (!ids) return c.redirect('/opportunities/import', 303);
    const db = c.get('services').database.db;
    const actor = actorOf(user);
    const opportunities = [];
    for (const id of ids.slice(0, READY_SHOWN)) {
      const found = await getOpportunity(db, actor, id);
      if (found) opportunities.push({ id, title: found.values.title, facilityName: found.facilityName });
    }
    return renderPage(
      c,
      { title: m.doneTitle, breadcrumbs: crumbs(c, m.doneTitle) },
      <DonePage m={m} count={ids.length} opportunities={opportunities} />,
    );
  });

  return app;
}

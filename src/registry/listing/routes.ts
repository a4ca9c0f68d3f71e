/**
 * Downloads of the はたらく場情報 list: GET /opportunities/export.pdf, .xlsx and .csv, for
 * signed-in staff who may list opportunities ('opportunity.list'), over the same scope and the
 * same `status` filter as the /opportunities page (counsellors: published only). The files carry
 * facility contacts, so they are never cached.
 */
import { type Context, Hono } from 'hono';
import { auditActor } from '../../platform/audit/audit';
import { actorOf, authorize } from '../../platform/auth/guard';
import type { AppEnv } from '../../platform/http/env';
import { type OpportunityStatus, opportunityStatuses } from '../opportunities/opportunity';
import {
  listingFileName,
  MAX_PDF_ENTRIES,
  MAX_SHEET_ROWS,
  renderListingCsv,
  renderListingPdf,
  renderListingXlsx,
} from './export';
import { type ListingText, listingText } from './listing';
import { type ExportFormat, exportOpportunityListing } from './service';

const contentTypes = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** The statuses the /opportunities page would show this user for the same `status` parameter. */
function statusesFor(c: Context<AppEnv>): OpportunityStatus[] | undefined {
  const requested = opportunityStatuses.find((s) => s === c.req.query('status'));
  if (requested) return [requested];
  return c.get('user')?.role === 'counsellor' ? ['published'] : undefined;
}

/** The cover's conditions: none for a counsellor's default (all published), else the status. */
function conditionsOf(c: Context<AppEnv>, t: ListingText): string[] | undefined {
  const statuses = statusesFor(c);
  if (c.get('user')?.role === 'counsellor' && !c.req.query('status')) return undefined;
  const label = statuses
    ? statuses.map((s) => t.om.status[s]).join(t.locale === 'ja' ? '、' : ', ')
    : t.om.allStatuses;
  return [`${t.om.fields.status}: ${label}`];
}

function download(c: Context<AppEnv>, format: ExportFormat, body: Buffer | string, fileName: string) {
  c.header('content-type', contentTypes[format]);
  c.header('content-disposition', `attachment; filename="${fileName}"`);
  c.header('cache-control', 'no-store');
  c.header('x-content-type-options', 'nosniff');
  return c.body(typeof body === 'string' ? body : new Uint8Array(body));
}

export function listingRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = authorize('opportunity.list', () => ({ kind: 'self' }));

  async function load(c: Context<AppEnv>, format: ExportFormat, limit: number) {
    const user = c.get('user');
    if (!user) throw new Error('no signed-in user behind an authorized route');
    const { database, config } = c.get('services');
    const result = await exportOpportunityListing(
      database.db,
      actorOf(user),
      { format, statuses: statusesFor(c), limit },
      auditActor(c),
    );
    return { ...result, t: listingText(c.get('locale')), now: new Date(), baseUrl: config.baseUrl };
  }

  app.get('/opportunities/export.pdf', guard, async (c) => {
    const { items, total, t, now } = await load(c, 'pdf', MAX_PDF_ENTRIES);
    const pdf = await renderListingPdf(t, items, { now, total, conditions: conditionsOf(c, t) });
    return download(c, 'pdf', pdf, listingFileName(t, now, 'pdf'));
  });

  app.get('/opportunities/export.xlsx', guard, async (c) => {
    const { items, t, now, baseUrl } = await load(c, 'xlsx', MAX_SHEET_ROWS);
    const xlsx = await renderListingXlsx(t, items, { baseUrl, now });
    return download(c, 'xlsx', xlsx, listingFileName(t, now, 'xlsx'));
  });

  app.get('/opportunities/export.csv', guard, async (c) => {
    const { items, t, now, baseUrl } = await load(c, 'csv', MAX_SHEET_ROWS);
    return download(c, 'csv', renderListingCsv(t, items, { baseUrl }), listingFileName(t, now, 'csv'));
  });

  return app;
}

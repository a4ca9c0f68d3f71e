/**
 * The inbox over the API (/api/v1): the caller's notifications (optionally unread only), and
 * marking one read. The same policy actions and store scoping as the pages: another user's
 * notification id is a 404.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../platform/auth/guard';
import type { Api } from '../platform/http/api';
import { currentUser, dbOf } from '../platform/http/context';
import type { AppEnv, CurrentUser } from '../platform/http/env';
import { problem } from '../platform/http/problem';
import { problemResponse } from '../registry/facilities/api';
import { loadInbox, readNotification } from './service';
import { findNotification, type NotificationRow } from './store';

const security = [{ bearerAuth: [] }];
const tags = ['Notifications'];

const Notification = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: "What it is about, e.g. 'referral.sent'" }),
    title: z.object({ ja: z.string(), en: z.string() }),
    link: z.string().openapi({ description: 'An in-app path, e.g. /referrals/{id}' }),
    createdAt: z.string().openapi({ description: 'ISO-8601 UTC' }),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const NotificationList = z.object({
  items: z.array(Notification),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const Query = z.object({
  unread: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true')
    .openapi({ description: 'Only unread notifications' }),
  page: z.coerce.number().int().min(1).optional().openapi({ description: 'Page number, from 1' }),
  pageSize: z.coerce.number().int().min(1).max(100).optional().openapi({ description: '1–100, default 20' }),
});

function itemOf(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: { ja: row.titleJa, en: row.titleEn },
    link: row.link,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

async function loadOwn(c: Context<AppEnv>, user: CurrentUser) {
  return (await findNotification(dbOf(c), user.id, c.req.param('id') ?? ''))
    ? ({ kind: 'self' } as const)
    : undefined;
}

export function registerNotificationApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary: "The caller's notifications (通知), newest first",
      security,
      middleware: [authorize('notification.read', () => ({ kind: 'self' }))] as const,
      request: { query: Query },
      responses: {
        200: {
          description: 'One page of notifications',
          content: { 'application/json': { schema: NotificationList } },
        },
        401: problemResponse('No valid credentials'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 20;
      const inbox = await loadInbox(dbOf(c), currentUser(c).id, { unreadOnly: query.unread, page, pageSize });
      return c.json(
        { items: inbox.items.map(itemOf), total: inbox.total, unread: inbox.unread, page, pageSize },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags,
      summary: 'Marks one of the caller’s notifications read (idempotent)',
      security,
      middleware: [authorize('notification.read', loadOwn)] as const,
      request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: {
        200: {
          description: 'The notification, read',
          content: { 'application/json': { schema: Notification } },
        },
        401: problemResponse('No valid credentials'),
        404: problemResponse('No such notification of the caller'),
      },
    }),
    async (c) => {
      const row = await readNotification(dbOf(c), currentUser(c).id, c.req.valid('param').id);
      if (!row)
        return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
      return c.json(itemOf(row), 200);
    },
  );
}

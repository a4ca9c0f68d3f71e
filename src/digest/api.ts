/**
 * はたらく場情報 over the API (/api/v1/digest/…): council staff list, create, update and
 * delete subscriptions, list and schedule editions, read an edition's send status and preview it
 * as a subscriber; anyone signed in reads and sets their own subscription ("mine").
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditActor } from '../platform/audit/audit';
import { authorize } from '../platform/auth/guard';
import type { Api } from '../platform/http/api';
import { currentUser, dbOf } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { problem } from '../platform/http/problem';
import { normaliseEmail } from '../platform/text/normalise';
import { problemResponse } from '../registry/facilities/api';
import { cleanPreferences, everything, preferencesOfRow } from './preferences';
import { secretOf } from './public-routes';
import {
  cancelEdition,
  countEditions,
  countSubscribers,
  createSubscriber,
  editionProgress,
  getEdition,
  getMySubscription,
  getSubscriber,
  listEditions,
  listSubscribers,
  previewEdition,
  removeSubscriber,
  scheduleEdition,
  subscribeFromAccount,
  unsubscribe,
  updateSubscriberPreferences,
} from './service';
import type { SubscriberRow } from './store';

const security = [{ bearerAuth: [] }];
const manage = authorize('digest.manage', () => ({ kind: 'council' }));
const subscribe = authorize('digest.subscribe', () => ({ kind: 'self' }));

const subscriberStatus = z.enum([
  'pending_confirmation',
  'pending_approval',
  'active',
  'unsubscribed',
  'paused',
]);

const Preferences = z
  .object({
    municipalities: z
      .array(z.string())
      .openapi({ description: 'Municipality codes (6 digits); empty = all', example: ['132136'] }),
    workForms: z
      .array(z.enum(['short_term', 'training_employed', 'training_unpaid']))
      .openapi({ description: 'WorkForm codes; empty = all' }),
    tasks: z
      .array(z.string())
      .openapi({ description: 'Task category codes; empty = all', example: ['cleaning'] }),
  })
  .openapi('DigestPreferences');

const Subscription = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    organisation: z.string(),
    status: subscriberStatus,
    preferences: Preferences,
    weekly: z.boolean().openapi({ description: 'Also receives 今週の新着 (weekly new places)' }),
    skipEmpty: z.boolean().openapi({ description: 'No mail when nothing matches' }),
    permanentFailures: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('DigestSubscription');

const SubscriptionInput = z.object({
  name: z.string().min(1).max(100),
  organisation: z.string().min(1).max(200),
  email: z.email().max(254),
  preferences: Preferences.partial().optional(),
  weekly: z.boolean().default(false),
  skipEmpty: z.boolean().default(false),
});

const SettingsInput = z.object({
  preferences: Preferences.partial().optional(),
  weekly: z.boolean().optional(),
  skipEmpty: z.boolean().optional(),
});

const Edition = z
  .object({
    id: z.string(),
    kind: z.enum(['edition', 'weekly']),
    title: z.string(),
    status: z.enum(['scheduled', 'sending', 'sent', 'cancelled']),
    scheduledFor: z.string(),
    frozenAt: z.string().nullable(),
    since: z.string().nullable(),
    recipients: z.number().int(),
    finishedAt: z.string().nullable(),
  })
  .openapi('DigestEdition');

const Progress = z
  .object({
    sent: z.number().int(),
    failed: z.number().int(),
    waiting: z.number().int(),
    sending: z.number().int(),
    skipped: z.number().int(),
  })
  .openapi('DigestProgress');

function subscriptionJson(row: SubscriberRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organisation: row.organisation_name,
    status: row.status,
    preferences: preferencesOfRow(row),
    weekly: row.weekly === 1,
    skipEmpty: row.skip_empty === 1,
    permanentFailures: row.permanent_failures,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function editionJson(row: NonNullable<Awaited<ReturnType<typeof getEdition>>>) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    scheduledFor: row.scheduled_for,
    frozenAt: row.frozen_at,
    since: row.since,
    recipients: row.recipients,
    finishedAt: row.finished_at,
  };
}

function notFoundProblem(c: Context<AppEnv>, what: string) {
  return problem(c, { title: 'Not found', status: 404, detail: `No such ${what}.` });
}

const idParams = z.object({ id: z.string().max(100) });

export function registerDigestApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/subscriptions',
      tags: ['Digest'],
      summary: 'Subscribers of はたらく場情報 (council staff)',
      security,
      middleware: [manage] as const,
      request: {
        query: z.object({
          status: subscriberStatus.optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'One page of subscriptions',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(Subscription),
                total: z.number().int(),
                page: z.number().int(),
                pageSize: z.number().int(),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const db = dbOf(c);
      const [rows, total] = await Promise.all([
        listSubscribers(db, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        countSubscribers(db, q.status),
      ]);
      return c.json({ items: rows.map(subscriptionJson), total, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/digest/subscriptions',
      tags: ['Digest'],
      summary: 'Add a subscriber, active at once (council staff)',
      security,
      middleware: [manage] as const,
      request: { body: { content: { 'application/json': { schema: SubscriptionInput } } } },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: Subscription } } },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
        404: problemResponse('Not found after creation'),
        409: problemResponse('The address is already subscribed'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const db = dbOf(c);
      const result = await createSubscriber(
        db,
        {
          name: body.name,
          organisation: body.organisation,
          email: normaliseEmail(body.email),
          preferences: cleanPreferences(body.preferences ?? {}),
          weekly: body.weekly,
          skipEmpty: body.skipEmpty,
        },
        auditActor(c),
      );
      if (!result.ok)
        return problem(c, { title: 'Conflict', status: 409, detail: 'This address is already subscribed.' });
      const row = await getSubscriber(db, result.id);
      if (!row) return notFoundProblem(c, 'subscription');
      return c.json(subscriptionJson(row), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/digest/subscriptions/{id}',
      tags: ['Digest'],
      summary: "Change a subscriber's preferences (council staff)",
      security,
      middleware: [manage] as const,
      request: { params: idParams, body: { content: { 'application/json': { schema: SettingsInput } } } },
      responses: {
        200: { description: 'Updated', content: { 'application/json': { schema: Subscription } } },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
        404: problemResponse('No such subscription'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const db = dbOf(c);
      const current = await getSubscriber(db, id);
      if (!current) return notFoundProblem(c, 'subscription');
      const preferences = body.preferences
        ? cleanPreferences({ ...preferencesOfRow(current), ...body.preferences })
        : undefined;
      await updateSubscriberPreferences(
        db,
        id,
        { preferences, weekly: body.weekly, skipEmpty: body.skipEmpty },
        auditActor(c),
      );
      const row = await getSubscriber(db, id);
      if (!row) return notFoundProblem(c, 'subscription');
      return c.json(subscriptionJson(row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/digest/subscriptions/{id}',
      tags: ['Digest'],
      summary: 'Remove a subscriber and their delivery log (council staff)',
      security,
      middleware: [manage] as const,
      request: { params: idParams },
      responses: {
        204: { description: 'Removed' },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
        404: problemResponse('No such subscription'),
      },
    }),
    async (c) => {
      const removed = await removeSubscriber(dbOf(c), c.req.valid('param').id, auditActor(c));
      if (!removed) return notFoundProblem(c, 'subscription');
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/subscriptions/mine',
      tags: ['Digest'],
      summary: "The caller's own subscription",
      security,
      middleware: [subscribe] as const,
      responses: {
        200: { description: 'The subscription', content: { 'application/json': { schema: Subscription } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('Not subscribed'),
      },
    }),
    async (c) => {
      const row = await getMySubscription(dbOf(c), currentUser(c).id);
      if (!row) return notFoundProblem(c, 'subscription');
      return c.json(subscriptionJson(row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/digest/subscriptions/mine',
      tags: ['Digest'],
      summary: "Subscribe the caller's address, or change the preferences",
      security,
      middleware: [subscribe] as const,
      request: { body: { content: { 'application/json': { schema: SettingsInput } } } },
      responses: {
        200: { description: 'The subscription', content: { 'application/json': { schema: Subscription } } },
        401: problemResponse('No valid credentials'),
        404: problemResponse('Not found after saving'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      const db = dbOf(c);
      const current = await getMySubscription(db, user.id);
      const id = await subscribeFromAccount(
        db,
        {
          userId: user.id,
          name: user.name,
          email: user.email,
          organisationId: user.organisationId,
          organisationName: user.organisationName,
        },
        {
          preferences: cleanPreferences({
            ...(current ? preferencesOfRow(current) : everything),
            ...body.preferences,
          }),
          weekly: body.weekly ?? current?.weekly === 1,
          skipEmpty: body.skipEmpty ?? current?.skip_empty === 1,
        },
        auditActor(c),
      );
      const row = await getSubscriber(db, id);
      if (!row) return notFoundProblem(c, 'subscription');
      return c.json(subscriptionJson(row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/digest/subscriptions/mine',
      tags: ['Digest'],
      summary: "Unsubscribe the caller's address",
      security,
      middleware: [subscribe] as const,
      responses: {
        204: { description: 'Unsubscribed' },
        401: problemResponse('No valid credentials'),
        404: problemResponse('Not subscribed'),
      },
    }),
    async (c) => {
      const row = await getMySubscription(dbOf(c), currentUser(c).id);
      if (!row) return notFoundProblem(c, 'subscription');
      await unsubscribe(dbOf(c), row.id, { audit: auditActor(c), via: 'account' });
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/editions',
      tags: ['Digest'],
      summary: 'Editions, newest first (council staff)',
      security,
      middleware: [manage] as const,
      request: {
        query: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: {
          description: 'One page of editions',
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(Edition),
                total: z.number().int(),
                page: z.number().int(),
                pageSize: z.number().int(),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const db = dbOf(c);
      const [rows, total] = await Promise.all([
        listEditions(db, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        countEditions(db),
      ]);
      return c.json({ items: rows.map(editionJson), total, page: q.page, pageSize: q.pageSize }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/digest/editions',
      tags: ['Digest'],
      summary: 'Schedule an edition (at: ISO time; left out = now) (council staff)',
      security,
      middleware: [manage] as const,
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                kind: z.enum(['edition', 'weekly']).default('edition'),
                at: z.iso
                  .datetime({ offset: true })
                  .optional()
                  .openapi({ example: '2027-01-10T09:00:00+09:00' }),
                title: z.string().min(1).max(100).optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: { description: 'Scheduled', content: { 'application/json': { schema: Edition } } },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
        404: problemResponse('Not found after scheduling'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const db = dbOf(c);
      const id = await scheduleEdition(
        db,
        { kind: body.kind, at: body.at ? new Date(body.at) : undefined, title: body.title },
        auditActor(c),
      );
      const row = await getEdition(db, id);
      if (!row) return notFoundProblem(c, 'edition');
      return c.json(editionJson(row), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/editions/{id}',
      tags: ['Digest'],
      summary: 'An edition and its send status (council staff)',
      security,
      middleware: [manage] as const,
      request: { params: idParams },
      responses: {
        200: {
          description: 'The edition',
          content: { 'application/json': { schema: Edition.extend({ progress: Progress }) } },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
        404: problemResponse('No such edition'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const row = await getEdition(db, c.req.valid('param').id);
      if (!row) return notFoundProblem(c, 'edition');
      return c.json({ ...editionJson(row), progress: await editionProgress(db, row.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/digest/editions/{id}/cancel',
      tags: ['Digest'],
      summary: 'Cancel a scheduled edition (council staff)',
      security,
      middleware: [manage] as const,
      request: { params: idParams },
      responses: {
        200: { description: 'Cancelled', content: { 'application/json': { schema: Edition } } },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
        404: problemResponse('No such edition'),
        409: problemResponse('The edition is already sending or sent'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const id = c.req.valid('param').id;
      if (!(await getEdition(db, id))) return notFoundProblem(c, 'edition');
      if (!(await cancelEdition(db, id, auditActor(c)))) {
        return problem(c, {
          title: 'Conflict',
          status: 409,
          detail: 'Only a scheduled edition can be cancelled.',
        });
      }
      const row = await getEdition(db, id);
      if (!row) return notFoundProblem(c, 'edition');
      return c.json(editionJson(row), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/editions/{id}/preview',
      tags: ['Digest'],
      summary: 'The mail a subscriber gets for an edition (council staff)',
      security,
      middleware: [manage] as const,
      request: { params: idParams, query: z.object({ subscriberId: z.string().max(100).optional() }) },
      responses: {
        200: {
          description: 'Subject, text and HTML parts, and headers',
          content: {
            'application/json': {
              schema: z.object({
                subject: z.string(),
                text: z.string(),
                html: z.string(),
                headers: z.record(z.string(), z.string()),
                counts: z.object({
                  open: z.number().int(),
                  new: z.number().int(),
                  changed: z.number().int(),
                  closed: z.number().int(),
                }),
              }),
            },
          },
        },
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
        404: problemResponse('No such edition or subscriber'),
      },
    }),
    async (c) => {
      const db = dbOf(c);
      const edition = await getEdition(db, c.req.valid('param').id);
      if (!edition) return notFoundProblem(c, 'edition');
      const subscriberId = c.req.valid('query').subscriberId;
      const subscriber = subscriberId ? await getSubscriber(db, subscriberId) : undefined;
      if (subscriberId && !subscriber) return notFoundProblem(c, 'subscriber');
      const user = currentUser(c);
      const recipient = subscriber
        ? { id: subscriber.id, name: subscriber.name, preferences: preferencesOfRow(subscriber) }
        : { id: user.id, name: user.name, preferences: everything };
      const { mail, content } = await previewEdition(db, edition, recipient, {
        baseUrl: c.get('services').config.baseUrl,
        secret: await secretOf(c),
      });
      return c.json(
        {
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          counts: {
            open: content.open.length,
            new: content.new.length,
            changed: content.changed.length,
            closed: content.closed.length,
          },
        },
        200,
      );
    },
  );
}

/**
 * Subscriptions over the API (/api/v1/digest/subscriptions…): council staff list, add, change
 * and remove subscribers; anyone signed in reads, sets and cancels their own ("mine").
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problem } from '../../platform/http/problem';
import { normaliseEmail } from '../../platform/text/normalise';
import { problemResponse } from '../../registry/facilities/api';
import { manageDigest, subscribeToDigest } from '../access';
import { cleanPreferences, everything, preferencesOfRow } from '../preferences';
import { accountSubscriberOf } from '../request';
import {
  countSubscribers,
  createSubscriber,
  getMySubscription,
  getSubscriber,
  listSubscribers,
  removeSubscriber,
  subscribeFromAccount,
  unsubscribe,
  updateSubscriberPreferences,
} from '../service';
import {
  idParams,
  SettingsInput,
  Subscription,
  SubscriptionInput,
  subscriberStatus,
  subscriptionJson,
} from './schemas';
import { notFoundProblem, pageJson, pageQuery, pageResponse, security } from './shared';

export function registerSubscriptionApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/subscriptions',
      tags: ['Digest'],
      summary: 'Subscribers of はたらく場情報 (council staff)',
      security,
      middleware: [manageDigest] as const,
      request: {
        query: z.object({ status: subscriberStatus.optional(), ...pageQuery }),
      },
      responses: {
        200: pageResponse('One page of subscriptions', Subscription),
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const db = dbOf(c);
      const page = await pageJson(
        q,
        (window) => listSubscribers(db, { status: q.status, ...window }),
        () => countSubscribers(db, q.status),
        subscriptionJson,
      );
      return c.json(page, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/digest/subscriptions',
      tags: ['Digest'],
      summary: 'Add a subscriber, active at once (council staff)',
      security,
      middleware: [manageDigest] as const,
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

  // The caller's own subscription first: registered after /{id}, DELETE /mine would be taken
  // for a subscription whose id is "mine".
  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/subscriptions/mine',
      tags: ['Digest'],
      summary: "The caller's own subscription",
      security,
      middleware: [subscribeToDigest] as const,
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
      middleware: [subscribeToDigest] as const,
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
        accountSubscriberOf(user),
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
      middleware: [subscribeToDigest] as const,
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
      method: 'patch',
      path: '/digest/subscriptions/{id}',
      tags: ['Digest'],
      summary: "Change a subscriber's preferences (council staff)",
      security,
      middleware: [manageDigest] as const,
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
      middleware: [manageDigest] as const,
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
}

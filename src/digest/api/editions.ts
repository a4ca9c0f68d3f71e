/**
 * Editions over the API (/api/v1/digest/editions…), for council staff: list and schedule
 * editions, read one with its send progress, cancel a scheduled one, and preview the mail a
 * subscriber gets.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditActor } from '../../platform/audit/audit';
import type { Api } from '../../platform/http/api';
import { currentUser, dbOf } from '../../platform/http/context';
import { problem } from '../../platform/http/problem';
import { problemResponse } from '../../registry/facilities/api';
import { manageDigest } from '../access';
import { secretOf } from '../request';
import {
  cancelEdition,
  countEditions,
  editionProgress,
  getEdition,
  getSubscriber,
  listEditions,
  previewEdition,
  previewRecipientOf,
  scheduleEdition,
} from '../service';
import { Edition, editionJson, idParams, Progress } from './schemas';
import { notFoundProblem, pageJson, pageQuery, pageResponse, security } from './shared';

export function registerEditionApi(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/digest/editions',
      tags: ['Digest'],
      summary: 'Editions, newest first (council staff)',
      security,
      middleware: [manageDigest] as const,
      request: {
        query: z.object(pageQuery),
      },
      responses: {
        200: pageResponse('One page of editions', Edition),
        401: problemResponse('No valid credentials'),
        403: problemResponse('Only council staff'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const db = dbOf(c);
      const page = await pageJson(
        q,
        (window) => listEditions(db, window),
        () => countEditions(db),
        editionJson,
      );
      return c.json(page, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/digest/editions',
      tags: ['Digest'],
      summary: 'Schedule an edition (at: ISO time; left out = now) (council staff)',
      security,
      middleware: [manageDigest] as const,
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
      middleware: [manageDigest] as const,
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
      middleware: [manageDigest] as const,
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
      middleware: [manageDigest] as const,
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
      const recipient = previewRecipientOf(subscriber, currentUser(c));
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

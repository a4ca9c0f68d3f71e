/**
 * The digest API's wire shapes (zod, named in the OpenAPI document) and how a subscriber or
 * edition row becomes its JSON, shared by the subscription and edition routes.
 */
import { z } from '@hono/zod-openapi';
import { preferencesOfRow } from '../preferences';
import type { EditionRow, SubscriberRow } from '../store';

export const subscriberStatus = z.enum([
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

export const Subscription = z
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

export const SubscriptionInput = z.object({
  name: z.string().min(1).max(100),
  organisation: z.string().min(1).max(200),
  email: z.email().max(254),
  preferences: Preferences.partial().optional(),
  weekly: z.boolean().default(false),
  skipEmpty: z.boolean().default(false),
});

export const SettingsInput = z.object({
  preferences: Preferences.partial().optional(),
  weekly: z.boolean().optional(),
  skipEmpty: z.boolean().optional(),
});

export const Edition = z
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

export const Progress = z
  .object({
    sent: z.number().int(),
    failed: z.number().int(),
    waiting: z.number().int(),
    sending: z.number().int(),
    skipped: z.number().int(),
  })
  .openapi('DigestProgress');

export function subscriptionJson(row: SubscriberRow) {
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

export function editionJson(row: EditionRow) {
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

export const idParams = z.object({ id: z.string().max(100) });
